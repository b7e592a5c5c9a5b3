using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsultantBilling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsultantSeats_InvoiceNumbers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GracePeriodDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OverdueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PartnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConsultantName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ConsultantEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PaymentInstructions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                name: "ConsultantSeats_Slas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MonthlyFee = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PaymentTermsDays = table.Column<int>(type: "INTEGER", nullable: false),
                    GracePeriodDays = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PaymentInstructions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastInvoicedPeriod = table.Column<DateOnly>(type: "TEXT", nullable: true)
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
                name: "ConsultantSeats_InvoiceNumbers");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Invoices");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Slas");
        }
    }
}
