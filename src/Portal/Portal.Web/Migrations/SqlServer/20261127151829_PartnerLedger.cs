using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PartnerLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "Commission",
                table: "PartnerTiers_LedgerEntries",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Badges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    EarnedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Badges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Badges_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_ManagedRelationships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AccountId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastActivityKind = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    LastActivityUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_ManagedRelationships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_ManagedRelationships_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Points = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    PointsForLowestTier = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    SoldPoints = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    SoldAccounts = table.Column<int>(type: "int", nullable: false),
                    ManagedPoints = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    ManagedAccounts = table.Column<int>(type: "int", nullable: false),
                    BadgePoints = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    DealPoints = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    CaseStudyPoints = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    MetricPoints = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    CorrectionPoints = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Commission = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Entries = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Periods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Periods_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_TierChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FromTier = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    ToTier = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    Points = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_TierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_TierChanges_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Tiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Tier = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    Rank = table.Column<int>(type: "int", nullable: false),
                    Points = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    BelowSince = table.Column<DateOnly>(type: "date", nullable: true),
                    GraceUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Tiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Tiers_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_LedgerEntries_TenantId_Source_Period",
                table: "PartnerTiers_LedgerEntries",
                columns: new[] { "TenantId", "Source", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Badges_TenantId_Name",
                table: "PartnerTiers_Badges",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_ManagedRelationships_AccountId_EndedAt",
                table: "PartnerTiers_ManagedRelationships",
                columns: new[] { "AccountId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_ManagedRelationships_EndedAt_LastActivityAt",
                table: "PartnerTiers_ManagedRelationships",
                columns: new[] { "EndedAt", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_ManagedRelationships_TenantId_AccountId_EndedAt",
                table: "PartnerTiers_ManagedRelationships",
                columns: new[] { "TenantId", "AccountId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Periods_TenantId_Period",
                table: "PartnerTiers_Periods",
                columns: new[] { "TenantId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_TierChanges_TenantId_At",
                table: "PartnerTiers_TierChanges",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Tiers_TenantId",
                table: "PartnerTiers_Tiers",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerTiers_Badges");

            migrationBuilder.DropTable(
                name: "PartnerTiers_ManagedRelationships");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Periods");

            migrationBuilder.DropTable(
                name: "PartnerTiers_TierChanges");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Tiers");

            migrationBuilder.DropIndex(
                name: "IX_PartnerTiers_LedgerEntries_TenantId_Source_Period",
                table: "PartnerTiers_LedgerEntries");

            migrationBuilder.DropColumn(
                name: "Commission",
                table: "PartnerTiers_LedgerEntries");
        }
    }
}
