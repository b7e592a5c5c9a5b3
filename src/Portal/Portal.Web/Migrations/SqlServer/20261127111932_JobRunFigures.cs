using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class JobRunFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastDurationMilliseconds",
                table: "JobLeases",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "JobLeases",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastFailedAt",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastItems",
                table: "JobLeases",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastStartedAt",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSucceededAt",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RunningSince",
                table: "JobLeases",
                type: "datetime2",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastDurationMilliseconds",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastFailedAt",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastItems",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastStartedAt",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "LastSucceededAt",
                table: "JobLeases");

            migrationBuilder.DropColumn(
                name: "RunningSince",
                table: "JobLeases");
        }
    }
}
