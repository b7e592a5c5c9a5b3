using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Impersonation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationPolicies");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationRequests");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationSessions");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationTickets");
        }
    }
}
