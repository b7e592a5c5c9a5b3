using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SolutionsRecordLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Solutions_RecordValues_RecordId_FieldKey",
                table: "Solutions_RecordValues");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_RecordId",
                table: "Solutions_RecordValues",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_TenantId_RecordId_FieldKey",
                table: "Solutions_RecordValues",
                columns: new[] { "TenantId", "RecordId", "FieldKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Records_TenantId_Id",
                table: "Solutions_Records",
                columns: new[] { "TenantId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Solutions_RecordValues_RecordId",
                table: "Solutions_RecordValues");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_RecordValues_TenantId_RecordId_FieldKey",
                table: "Solutions_RecordValues");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_Records_TenantId_Id",
                table: "Solutions_Records");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_RecordId_FieldKey",
                table: "Solutions_RecordValues",
                columns: new[] { "RecordId", "FieldKey" });
        }
    }
}
