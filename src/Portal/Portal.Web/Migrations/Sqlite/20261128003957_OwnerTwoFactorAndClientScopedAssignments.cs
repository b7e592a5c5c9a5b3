using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnerTwoFactorAndClientScopedAssignments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientTag",
                table: "Solutions_Imports",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientTag",
                table: "Solutions_Exports",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientTag",
                table: "Solutions_Assignments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RequireTwoFactor",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClientTag",
                table: "Solutions_Imports");

            migrationBuilder.DropColumn(
                name: "ClientTag",
                table: "Solutions_Exports");

            migrationBuilder.DropColumn(
                name: "ClientTag",
                table: "Solutions_Assignments");

            migrationBuilder.DropColumn(
                name: "RequireTwoFactor",
                table: "Organizations");
        }
    }
}
