using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExportFilesInTheDatabase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Solutions_ExportParts",
                columns: table => new
                {
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_ExportParts", x => new { x.RunId, x.Number });
                    table.ForeignKey(
                        name: "FK_Solutions_ExportParts_Solutions_Exports_RunId",
                        column: x => x.RunId,
                        principalTable: "Solutions_Exports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_ExportParts_TenantId",
                table: "Solutions_ExportParts",
                column: "TenantId");

            // Exports finished before this one wrote their files to one instance's disk: they count as expired
            // (ExportStatus.Done = 2, Expired = 5), and their people export again.
            migrationBuilder.Sql("UPDATE \"Solutions_Exports\" SET \"Status\" = 5 WHERE \"Status\" = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Solutions_ExportParts");
        }
    }
}
