using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "JobLeases",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastFailedAt",
                table: "JobLeases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastItems",
                table: "JobLeases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastStartedAt",
                table: "JobLeases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSucceededAt",
                table: "JobLeases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RunningSince",
                table: "JobLeases",
                type: "TEXT",
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
