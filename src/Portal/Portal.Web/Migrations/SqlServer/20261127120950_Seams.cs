using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Seams : Migration
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

            migrationBuilder.CreateTable(
                name: "ModuleDefaults",
                columns: table => new
                {
                    Module = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    IsOn = table.Column<bool>(type: "bit", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModuleDefaults", x => new { x.Module, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "OrganizationModules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Module = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    IsOn = table.Column<bool>(type: "bit", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationModules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationModules_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationModules_TenantId_Module",
                table: "OrganizationModules",
                columns: new[] { "TenantId", "Module" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModuleDefaults");

            migrationBuilder.DropTable(
                name: "OrganizationModules");

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
