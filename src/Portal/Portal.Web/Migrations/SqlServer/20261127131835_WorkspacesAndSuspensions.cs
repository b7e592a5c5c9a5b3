using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SuspendedAt",
                table: "Solutions_Solutions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SuspendedByUserId",
                table: "Solutions_Solutions",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Suspension",
                table: "Solutions_Solutions",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspensionReason",
                table: "Solutions_Solutions",
                type: "nvarchar(500)",
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
