using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SuspendedAt",
                table: "Solutions_Solutions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SuspendedByUserId",
                table: "Solutions_Solutions",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Suspension",
                table: "Solutions_Solutions",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspensionReason",
                table: "Solutions_Solutions",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Certifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Level = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    GrantedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RevokeReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LapsedNoticeSentAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    TokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    InvitedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AcceptedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                name: "ConsultantSeats_InvoiceNumbers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Prefix = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    LastSequence = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_InvoiceNumbers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_InvoiceNumbers_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Invoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SlaId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,3)", precision: 18, scale: 3, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    GracePeriodDays = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    OverdueAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClientName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    PartnerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ConsultantName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ConsultantEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    PaymentInstructions = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Invoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Invoices_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Seats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AlsoWorkspaceAdmin = table.Column<bool>(type: "bit", nullable: false),
                    Origin = table.Column<int>(type: "int", nullable: false),
                    Since = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DeactivationRequestedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeactivationRequestedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DeactivationReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    EndsAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EndedHow = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SolutionsCopied = table.Column<int>(type: "int", nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SignUps = table.Column<int>(type: "int", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Slas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MonthlyFee = table.Column<decimal>(type: "decimal(18,3)", precision: 18, scale: 3, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    PaymentTermsDays = table.Column<int>(type: "int", nullable: false),
                    GracePeriodDays = table.Column<int>(type: "int", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentInstructions = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastInvoicedPeriod = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Slas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Slas_Organizations_TenantId",
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
                name: "IX_ConsultantSeats_InvoiceNumbers_TenantId_ConsultantUserId",
                table: "ConsultantSeats_InvoiceNumbers",
                columns: new[] { "TenantId", "ConsultantUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_ConsultantUserId_PartnerId_IssuedOn",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "ConsultantUserId", "PartnerId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_Status_DueOn",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_TenantId_IssuedOn",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "TenantId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_TenantId_SlaId_Period",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "TenantId", "SlaId", "Period" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Slas_ConsultantUserId_PartnerId",
                table: "ConsultantSeats_Slas",
                columns: new[] { "ConsultantUserId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Slas_LastInvoicedPeriod",
                table: "ConsultantSeats_Slas",
                column: "LastInvoicedPeriod");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Slas_TenantId_ConsultantUserId",
                table: "ConsultantSeats_Slas",
                columns: new[] { "TenantId", "ConsultantUserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsultantSeats_Certifications");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Invitations");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_InvoiceNumbers");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Invoices");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Seats");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_SignUpLinks");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Slas");

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
