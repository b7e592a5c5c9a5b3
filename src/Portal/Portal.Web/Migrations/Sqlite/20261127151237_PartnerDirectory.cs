using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_PartnerTiers_Profiles_Listed",
                table: "PartnerTiers_Profiles",
                column: "Listed");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Profiles_TenantId",
                table: "PartnerTiers_Profiles",
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
                name: "PartnerTiers_Profiles");

            migrationBuilder.DropTable(
                name: "Solutions_Listings");
        }
    }
}
