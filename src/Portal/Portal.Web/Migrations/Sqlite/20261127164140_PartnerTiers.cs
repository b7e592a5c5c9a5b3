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
            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "Organizations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Badges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    EarnedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AutoEarned = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Commission = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
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

            migrationBuilder.CreateTable(
                name: "PartnerTiers_ManagedRelationships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastActivityKind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastActivityUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
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
                name: "PartnerTiers_MetricValues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_MetricValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_MetricValues_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    PointsForLowestTier = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    SoldPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    SoldAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    ManagedPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    ManagedAccounts = table.Column<int>(type: "INTEGER", nullable: false),
                    BadgePoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    DealPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CaseStudyPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    MetricPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    CorrectionPoints = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Commission = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "PartnerTiers_Profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Regions = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Industries = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Website = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Listed = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Profiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Profiles_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_TierChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromTier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ToTier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BelowSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    GraceUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "Solutions_Listings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PackageJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Installs = table.Column<int>(type: "INTEGER", nullable: false),
                    ListedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ListedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnlistedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Listings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Listings_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Badges_TenantId_Name",
                table: "PartnerTiers_Badges",
                columns: new[] { "TenantId", "Name" });

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

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_LedgerEntries_TenantId_Source_Period",
                table: "PartnerTiers_LedgerEntries",
                columns: new[] { "TenantId", "Source", "Period" });

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
                name: "IX_PartnerTiers_MetricValues_TenantId_Key",
                table: "PartnerTiers_MetricValues",
                columns: new[] { "TenantId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Periods_TenantId_Period",
                table: "PartnerTiers_Periods",
                columns: new[] { "TenantId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Profiles_Listed",
                table: "PartnerTiers_Profiles",
                column: "Listed");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Profiles_TenantId",
                table: "PartnerTiers_Profiles",
                column: "TenantId",
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

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Listings_SolutionId",
                table: "Solutions_Listings",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Listings_TenantId_SolutionId",
                table: "Solutions_Listings",
                columns: new[] { "TenantId", "SolutionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Listings_UnlistedAt_Installs",
                table: "Solutions_Listings",
                columns: new[] { "UnlistedAt", "Installs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerTiers_Badges");

            migrationBuilder.DropTable(
                name: "PartnerTiers_CaseStudies");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Deals");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Disputes");

            migrationBuilder.DropTable(
                name: "PartnerTiers_LedgerEntries");

            migrationBuilder.DropTable(
                name: "PartnerTiers_ManagedRelationships");

            migrationBuilder.DropTable(
                name: "PartnerTiers_MetricValues");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Periods");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Profiles");

            migrationBuilder.DropTable(
                name: "PartnerTiers_TierChanges");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Tiers");

            migrationBuilder.DropTable(
                name: "Solutions_Listings");

            migrationBuilder.DropColumn(
                name: "Industry",
                table: "Organizations");
        }
    }
}
