using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsultantSeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "Workspaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SuspendedAt",
                table: "Solutions_Solutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SuspendedByUserId",
                table: "Solutions_Solutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Suspension",
                table: "Solutions_Solutions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspensionReason",
                table: "Solutions_Solutions",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Certifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GrantedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RevokeReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LapsedNoticeSentAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Certifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Certifications_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Invitations_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Seats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AlsoWorkspaceAdmin = table.Column<bool>(type: "INTEGER", nullable: false),
                    Origin = table.Column<int>(type: "INTEGER", nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeactivationRequestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeactivationRequestedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeactivationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndedHow = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SolutionsCopied = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Seats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Seats_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_SignUpLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignUps = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_SignUpLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_SignUpLinks_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Certifications_TenantId_UserId",
                table: "ConsultantSeats_Certifications",
                columns: new[] { "TenantId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Certifications_UserId",
                table: "ConsultantSeats_Certifications",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Certifications_ValidUntil",
                table: "ConsultantSeats_Certifications",
                column: "ValidUntil");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invitations_TenantId_TokenHash",
                table: "ConsultantSeats_Invitations",
                columns: new[] { "TenantId", "TokenHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invitations_TenantId_WorkspaceId",
                table: "ConsultantSeats_Invitations",
                columns: new[] { "TenantId", "WorkspaceId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Seats_EndsAt",
                table: "ConsultantSeats_Seats",
                column: "EndsAt");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Seats_TenantId_WorkspaceId_UserId",
                table: "ConsultantSeats_Seats",
                columns: new[] { "TenantId", "WorkspaceId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Seats_UserId_PartnerId",
                table: "ConsultantSeats_Seats",
                columns: new[] { "UserId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_SignUpLinks_Code",
                table: "ConsultantSeats_SignUpLinks",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_SignUpLinks_TenantId_UserId",
                table: "ConsultantSeats_SignUpLinks",
                columns: new[] { "TenantId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsultantSeats_Certifications");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Invitations");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Seats");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_SignUpLinks");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Workspaces");

            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "SuspendedByUserId",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "Suspension",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "SuspensionReason",
                table: "Solutions_Solutions");
        }
    }
}
