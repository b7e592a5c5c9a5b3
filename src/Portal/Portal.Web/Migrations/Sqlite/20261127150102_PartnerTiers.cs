using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerTiers_CaseStudies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CompanySize = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Need = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Solution = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Testimonial = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SubmittedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_CaseStudies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_CaseStudies_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Deals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Customer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpectedArr = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    CloseDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Review = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PossibleDuplicate = table.Column<bool>(type: "INTEGER", nullable: false),
                    RegisteredByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WonAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Deals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Deals_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Disputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LedgerEntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CorrectionEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Disputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Disputes_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Mrr = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    MrrCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    ProgramMrr = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    SplitWays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferenceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CorrectsEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_LedgerEntries_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_CaseStudies_Status",
                table: "PartnerTiers_CaseStudies",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_CaseStudies_TenantId_Status",
                table: "PartnerTiers_CaseStudies",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Deals_CustomerKey",
                table: "PartnerTiers_Deals",
                column: "CustomerKey");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Deals_Review",
                table: "PartnerTiers_Deals",
                column: "Review");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Deals_TenantId_RegisteredAt",
                table: "PartnerTiers_Deals",
                columns: new[] { "TenantId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Disputes_Status",
                table: "PartnerTiers_Disputes",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Disputes_TenantId_LedgerEntryId",
                table: "PartnerTiers_Disputes",
                columns: new[] { "TenantId", "LedgerEntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_LedgerEntries_TenantId_Period_SourceKey",
                table: "PartnerTiers_LedgerEntries",
                columns: new[] { "TenantId", "Period", "SourceKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerTiers_CaseStudies");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Deals");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Disputes");

            migrationBuilder.DropTable(
                name: "PartnerTiers_LedgerEntries");
        }
    }
}
