using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TenantOwnedRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AccountSubscriptions_Organizations_OrganizationId",
                table: "AccountSubscriptions");

            migrationBuilder.DropForeignKey(
                name: "FK_Resellers_Profiles_Organizations_OrganizationId",
                table: "Resellers_Profiles");

            migrationBuilder.DropForeignKey(
                name: "FK_Solutions_Shares_Organizations_ToOrganizationId",
                table: "Solutions_Shares");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_ExpiresAt",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_TokenHash",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.RenameColumn(
                name: "ToOrganizationId",
                table: "Solutions_Shares",
                newName: "TenantId");

            migrationBuilder.RenameIndex(
                name: "IX_Solutions_Shares_ToOrganizationId_ImportedAt",
                table: "Solutions_Shares",
                newName: "IX_Solutions_Shares_TenantId_ImportedAt");

            migrationBuilder.RenameColumn(
                name: "OrganizationId",
                table: "Resellers_Profiles",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "ResellerId",
                table: "Resellers_ImpersonationTickets",
                newName: "TenantId");

            migrationBuilder.RenameColumn(
                name: "AccountId",
                table: "Resellers_ConnectRequests",
                newName: "TenantId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ConnectRequests_AccountId_DecidedAt",
                table: "Resellers_ConnectRequests",
                newName: "IX_Resellers_ConnectRequests_TenantId_DecidedAt");

            migrationBuilder.RenameColumn(
                name: "PartnerId",
                table: "Resellers_ClientRows",
                newName: "TenantId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_PartnerId_StatusRank_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_TenantId_StatusRank_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_PartnerId_PlanSort_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_TenantId_PlanSort_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_PartnerId_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_TenantId_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_PartnerId_ListPrice_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_TenantId_ListPrice_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_PartnerId_LastActiveAt_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_TenantId_LastActiveAt_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_PartnerId_HostKey",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_TenantId_HostKey");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_PartnerId_CreatedAt_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_TenantId_CreatedAt_ClientId");

            migrationBuilder.RenameColumn(
                name: "ResellerId",
                table: "Resellers_ClientDeletions",
                newName: "TenantId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientDeletions_ResellerId",
                table: "Resellers_ClientDeletions",
                newName: "IX_Resellers_ClientDeletions_TenantId");

            migrationBuilder.RenameColumn(
                name: "OrganizationId",
                table: "AccountSubscriptions",
                newName: "TenantId");

            migrationBuilder.RenameIndex(
                name: "IX_AccountSubscriptions_OrganizationId",
                table: "AccountSubscriptions",
                newName: "IX_AccountSubscriptions_TenantId");

            migrationBuilder.AddColumn<Guid>(
                name: "TenantId",
                table: "MailOutbox",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.Sql(PartnerPortal.Web.Data.TenantOwnershipData.FillOutboxTenant);

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "MailOutbox");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_ExpiresAt",
                table: "Resellers_ImpersonationTickets",
                columns: new[] { "TenantId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_TokenHash",
                table: "Resellers_ImpersonationTickets",
                columns: new[] { "TenantId", "TokenHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TokenHash",
                table: "Resellers_ImpersonationTickets",
                column: "TokenHash");

            migrationBuilder.AddForeignKey(
                name: "FK_AccountSubscriptions_Organizations_TenantId",
                table: "AccountSubscriptions",
                column: "TenantId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Resellers_Profiles_Organizations_TenantId",
                table: "Resellers_Profiles",
                column: "TenantId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Solutions_Shares_Organizations_TenantId",
                table: "Solutions_Shares",
                column: "TenantId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AccountSubscriptions_Organizations_TenantId",
                table: "AccountSubscriptions");

            migrationBuilder.DropForeignKey(
                name: "FK_Resellers_Profiles_Organizations_TenantId",
                table: "Resellers_Profiles");

            migrationBuilder.DropForeignKey(
                name: "FK_Solutions_Shares_Organizations_TenantId",
                table: "Solutions_Shares");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_ExpiresAt",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_TokenHash",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_TokenHash",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "Solutions_Shares",
                newName: "ToOrganizationId");

            migrationBuilder.RenameIndex(
                name: "IX_Solutions_Shares_TenantId_ImportedAt",
                table: "Solutions_Shares",
                newName: "IX_Solutions_Shares_ToOrganizationId_ImportedAt");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "Resellers_Profiles",
                newName: "OrganizationId");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "Resellers_ImpersonationTickets",
                newName: "ResellerId");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "Resellers_ConnectRequests",
                newName: "AccountId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ConnectRequests_TenantId_DecidedAt",
                table: "Resellers_ConnectRequests",
                newName: "IX_Resellers_ConnectRequests_AccountId_DecidedAt");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "Resellers_ClientRows",
                newName: "PartnerId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_TenantId_StatusRank_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_PartnerId_StatusRank_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_TenantId_PlanSort_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_PartnerId_PlanSort_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_TenantId_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_PartnerId_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_TenantId_ListPrice_NameKey_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_PartnerId_ListPrice_NameKey_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_TenantId_LastActiveAt_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_PartnerId_LastActiveAt_ClientId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_TenantId_HostKey",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_PartnerId_HostKey");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientRows_TenantId_CreatedAt_ClientId",
                table: "Resellers_ClientRows",
                newName: "IX_Resellers_ClientRows_PartnerId_CreatedAt_ClientId");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "Resellers_ClientDeletions",
                newName: "ResellerId");

            migrationBuilder.RenameIndex(
                name: "IX_Resellers_ClientDeletions_TenantId",
                table: "Resellers_ClientDeletions",
                newName: "IX_Resellers_ClientDeletions_ResellerId");

            migrationBuilder.RenameColumn(
                name: "TenantId",
                table: "AccountSubscriptions",
                newName: "OrganizationId");

            migrationBuilder.RenameIndex(
                name: "IX_AccountSubscriptions_TenantId",
                table: "AccountSubscriptions",
                newName: "IX_AccountSubscriptions_OrganizationId");

            migrationBuilder.AddColumn<Guid>(
                name: "OrganizationId",
                table: "MailOutbox",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.Sql(PartnerPortal.Web.Data.TenantOwnershipData.FillOutboxOrganization);

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "MailOutbox");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_ExpiresAt",
                table: "Resellers_ImpersonationTickets",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TokenHash",
                table: "Resellers_ImpersonationTickets",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AccountSubscriptions_Organizations_OrganizationId",
                table: "AccountSubscriptions",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Resellers_Profiles_Organizations_OrganizationId",
                table: "Resellers_Profiles",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Solutions_Shares_Organizations_ToOrganizationId",
                table: "Solutions_Shares",
                column: "ToOrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
