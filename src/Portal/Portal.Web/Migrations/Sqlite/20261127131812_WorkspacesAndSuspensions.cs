using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkspacesAndSuspensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "Workspaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SuspendedAt",
                table: "Solutions_Solutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SuspendedByUserId",
                table: "Solutions_Solutions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Suspension",
                table: "Solutions_Solutions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspensionReason",
                table: "Solutions_Solutions",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Workspaces");

            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "SuspendedByUserId",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "Suspension",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "SuspensionReason",
                table: "Solutions_Solutions");
        }
    }
}
