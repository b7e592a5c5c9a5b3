using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.PostgreSql
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Solutions_Records",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "|");

            migrationBuilder.AlterColumn<string>(
                name: "Value",
                table: "PlatformSettings",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000);

            migrationBuilder.CreateTable(
                name: "Solutions_Exports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TableKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Format = table.Column<int>(type: "integer", nullable: false),
                    RequestJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    RowsDone = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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

            migrationBuilder.AlterColumn<string>(
                name: "Value",
                table: "PlatformSettings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");
        }
    }
}
