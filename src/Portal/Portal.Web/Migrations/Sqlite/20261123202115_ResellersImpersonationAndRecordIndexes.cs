using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResellersImpersonationAndRecordIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Solutions_RecordValues_RecordId_FieldKey",
                table: "Solutions_RecordValues");

            migrationBuilder.CreateTable(
                name: "Resellers_ClientDeletions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PurgeAfter = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PurgedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ClientDeletions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ClientRows",
                columns: table => new
                {
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HostKey = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PlanSort = table.Column<int>(type: "INTEGER", nullable: false),
                    ListPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    StatusRank = table.Column<int>(type: "INTEGER", nullable: false),
                    LastActiveAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ClientRows", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ConnectRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RequestedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Approved = table.Column<bool>(type: "INTEGER", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ConnectRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Policy = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedByUserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationPolicies_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResellerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Approved = table.Column<bool>(type: "INTEGER", nullable: true),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationRequests_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResellerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationSessions_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsumedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationTickets_Organizations_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_Profiles",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BecameResellerAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_Profiles", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_Resellers_Profiles_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_RecordId",
                table: "Solutions_RecordValues",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_TenantId_RecordId_FieldKey",
                table: "Solutions_RecordValues",
                columns: new[] { "TenantId", "RecordId", "FieldKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Records_TenantId_Id",
                table: "Solutions_Records",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientDeletions_ClientId",
                table: "Resellers_ClientDeletions",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientDeletions_PurgedAt_PurgeAfter",
                table: "Resellers_ClientDeletions",
                columns: new[] { "PurgedAt", "PurgeAfter" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientDeletions_ResellerId",
                table: "Resellers_ClientDeletions",
                column: "ResellerId");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_PartnerId_CreatedAt_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "PartnerId", "CreatedAt", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_PartnerId_HostKey",
                table: "Resellers_ClientRows",
                columns: new[] { "PartnerId", "HostKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_PartnerId_LastActiveAt_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "PartnerId", "LastActiveAt", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_PartnerId_ListPrice_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "PartnerId", "ListPrice", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_PartnerId_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "PartnerId", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_PartnerId_PlanSort_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "PartnerId", "PlanSort", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_PartnerId_StatusRank_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "PartnerId", "StatusRank", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ConnectRequests_AccountId_DecidedAt",
                table: "Resellers_ConnectRequests",
                columns: new[] { "AccountId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ConnectRequests_ResellerId_DecidedAt",
                table: "Resellers_ConnectRequests",
                columns: new[] { "ResellerId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ConnectRequests_TokenHash",
                table: "Resellers_ConnectRequests",
                column: "TokenHash");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationPolicies_TenantId",
                table: "Resellers_ImpersonationPolicies",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationRequests_TenantId_UserId_RequestedAt",
                table: "Resellers_ImpersonationRequests",
                columns: new[] { "TenantId", "UserId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationSessions_TenantId_ResellerId_EndedAt",
                table: "Resellers_ImpersonationSessions",
                columns: new[] { "TenantId", "ResellerId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationSessions_TenantId_StartedAt",
                table: "Resellers_ImpersonationSessions",
                columns: new[] { "TenantId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_ClientId",
                table: "Resellers_ImpersonationTickets",
                column: "ClientId");

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
                name: "IX_Resellers_Profiles_PartnerCode",
                table: "Resellers_Profiles",
                column: "PartnerCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Resellers_ClientDeletions");

            migrationBuilder.DropTable(
                name: "Resellers_ClientRows");

            migrationBuilder.DropTable(
                name: "Resellers_ConnectRequests");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationPolicies");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationRequests");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationSessions");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationTickets");

            migrationBuilder.DropTable(
                name: "Resellers_Profiles");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_RecordValues_RecordId",
                table: "Solutions_RecordValues");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_RecordValues_TenantId_RecordId_FieldKey",
                table: "Solutions_RecordValues");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_Records_TenantId_Id",
                table: "Solutions_Records");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_RecordId_FieldKey",
                table: "Solutions_RecordValues",
                columns: new[] { "RecordId", "FieldKey" });
        }
    }
}
