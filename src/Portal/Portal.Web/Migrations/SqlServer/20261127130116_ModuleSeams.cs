using System;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerPortal.Web.Data;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ModuleSeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

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

            migrationBuilder.AddColumn<string>(
                name: "FreeSeat",
                table: "Memberships",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ManagedBy",
                table: "Memberships",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TenantId",
                table: "MailOutbox",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // The outbox's owner column replaces the optional organization: platform mail becomes Guid.Empty.
            migrationBuilder.Sql(TenantOwnershipData.FillOutboxTenant);

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "MailOutbox");

            // The resellers' maintenance job became two jobs with names of their own.
            migrationBuilder.Sql("DELETE FROM \"JobLeases\" WHERE \"Name\" = 'resellers-maintenance'");

            migrationBuilder.AddColumn<long>(
                name: "LastDurationMilliseconds",
                table: "JobLeases",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "JobLeases",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastFailedAt",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastItems",
                table: "JobLeases",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastStartedAt",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSucceededAt",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RunningSince",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OrganizationModules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Module = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    IsOn = table.Column<bool>(type: "bit", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationModules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationModules_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlatformSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformSettings", x => x.Key);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationModules_TenantId_Module",
                table: "OrganizationModules",
                columns: new[] { "TenantId", "Module" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganizationModules");

            migrationBuilder.DropTable(
                name: "PlatformSettings");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_ExpiresAt",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_TokenHash",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.DropIndex(
                name: "IX_Resellers_ImpersonationTickets_TokenHash",
                table: "Resellers_ImpersonationTickets");

            migrationBuilder.DropColumn(
                name: "FreeSeat",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "ManagedBy",
                table: "Memberships");


            migrationBuilder.DropColumn(
                name: "LastDurationMilliseconds",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastFailedAt",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastItems",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastStartedAt",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastSucceededAt",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "RunningSince",
                table: "JobLeases");

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

            migrationBuilder.Sql(TenantOwnershipData.FillOutboxOrganization);

            migrationBuilder.DropColumn(
                name: "TenantId",
                table: "MailOutbox");

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderKey = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_ExpiresAt",
                table: "Resellers_ImpersonationTickets",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TokenHash",
                table: "Resellers_ImpersonationTickets",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");
        }
    }
}
