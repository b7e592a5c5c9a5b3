using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordExportsTagsAndUpdateHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReplacedByVersion",
                table: "Solutions_Updates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Solutions_Records",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "|");

            migrationBuilder.CreateTable(
                name: "Solutions_Exports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TableKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Exports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Exports_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Exports_SolutionId",
                table: "Solutions_Exports",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Exports_Status_CreatedAt",
                table: "Solutions_Exports",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Exports_TenantId_SolutionId_UserId",
                table: "Solutions_Exports",
                columns: new[] { "TenantId", "SolutionId", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Solutions_Exports");

            migrationBuilder.DropColumn(
                name: "ReplacedByVersion",
                table: "Solutions_Updates");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "Solutions_Records");
        }
    }
}
