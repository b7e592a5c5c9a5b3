using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecipeUpdatesAndProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "Solutions_Solutions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedBy",
                table: "Solutions_Solutions",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ProtectsCopies",
                table: "Solutions_Solutions",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "PurgeAfter",
                table: "Solutions_Solutions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceDefinitionJson",
                table: "Solutions_Solutions",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SourceOrganizationId",
                table: "Solutions_Solutions",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SourceSolutionId",
                table: "Solutions_Solutions",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PreviewedAt",
                table: "Solutions_Shares",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Protected",
                table: "Solutions_Shares",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "RecipeCopyId",
                table: "Solutions_Shares",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecipeSolutionId",
                table: "Solutions_Shares",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RecipeVersion",
                table: "Solutions_Shares",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Solutions_RecipeCopies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecipeSolutionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecipientOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecipientName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PreviewedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CopySolutionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CopyName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RunningVersion = table.Column<int>(type: "int", nullable: true),
                    PushedVersion = table.Column<int>(type: "int", nullable: true),
                    UpdateState = table.Column<int>(type: "int", nullable: true),
                    UpdateAnsweredAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_RecipeCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_RecipeCopies_Solutions_Solutions_RecipeSolutionId",
                        column: x => x.RecipeSolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FromOrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FromOrganizationName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RecipeName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FromVersion = table.Column<int>(type: "int", nullable: true),
                    ToVersion = table.Column<int>(type: "int", nullable: false),
                    DefinitionJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RecipeCopyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AnsweredByEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Updates_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Solutions_TenantId_SourceSolutionId",
                table: "Solutions_Solutions",
                columns: new[] { "TenantId", "SourceSolutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecipeCopies_RecipeSolutionId",
                table: "Solutions_RecipeCopies",
                column: "RecipeSolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecipeCopies_TenantId_RecipeSolutionId",
                table: "Solutions_RecipeCopies",
                columns: new[] { "TenantId", "RecipeSolutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Updates_SolutionId",
                table: "Solutions_Updates",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Updates_TenantId_SolutionId_AppliedAt_DeclinedAt",
                table: "Solutions_Updates",
                columns: new[] { "TenantId", "SolutionId", "AppliedAt", "DeclinedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Solutions_RecipeCopies");

            migrationBuilder.DropTable(
                name: "Solutions_Updates");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_Solutions_TenantId_SourceSolutionId",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "ProtectedBy",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "ProtectsCopies",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "PurgeAfter",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "SourceDefinitionJson",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "SourceOrganizationId",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "SourceSolutionId",
                table: "Solutions_Solutions");

            migrationBuilder.DropColumn(
                name: "PreviewedAt",
                table: "Solutions_Shares");

            migrationBuilder.DropColumn(
                name: "Protected",
                table: "Solutions_Shares");

            migrationBuilder.DropColumn(
                name: "RecipeCopyId",
                table: "Solutions_Shares");

            migrationBuilder.DropColumn(
                name: "RecipeSolutionId",
                table: "Solutions_Shares");

            migrationBuilder.DropColumn(
                name: "RecipeVersion",
                table: "Solutions_Shares");
        }
    }
}
