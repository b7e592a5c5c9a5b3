using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Solutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Solutions_RecipeLibraries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_RecipeLibraries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_RecipeLibraries_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_RecordCounters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_RecordCounters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_RecordCounters_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_RuleRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_RuleRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromOrganizationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ToOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PackageJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Shares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Shares_Organizations_ToOrganizationId",
                        column: x => x.ToOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Solutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DraftJson = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    SourceOrganization = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SourceRecipe = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SourceVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastRuleError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastRuleErrorAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Solutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Solutions_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Assignments_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TableKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ValuesJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Records_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublishedByEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Versions_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_RecordTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TableKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_RecordTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_RecordTokens_Solutions_Records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Solutions_Records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_RecordValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TableKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FieldKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SortKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    HasValue = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_RecordValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_RecordValues_Solutions_Records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Solutions_Records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Assignments_SolutionId",
                table: "Solutions_Assignments",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Assignments_TenantId_SolutionId_UserId",
                table: "Solutions_Assignments",
                columns: new[] { "TenantId", "SolutionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Assignments_TenantId_UserId",
                table: "Solutions_Assignments",
                columns: new[] { "TenantId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecipeLibraries_TenantId_WorkspaceId",
                table: "Solutions_RecipeLibraries",
                columns: new[] { "TenantId", "WorkspaceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecipeLibraries_WorkspaceId",
                table: "Solutions_RecipeLibraries",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordCounters_TenantId",
                table: "Solutions_RecordCounters",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Records_SolutionId",
                table: "Solutions_Records",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Records_TenantId_SolutionId_TableKey",
                table: "Solutions_Records",
                columns: new[] { "TenantId", "SolutionId", "TableKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordTokens_RecordId",
                table: "Solutions_RecordTokens",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordTokens_TenantId_SolutionId_TableKey_Token",
                table: "Solutions_RecordTokens",
                columns: new[] { "TenantId", "SolutionId", "TableKey", "Token" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_RecordId_FieldKey",
                table: "Solutions_RecordValues",
                columns: new[] { "RecordId", "FieldKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_TenantId_SolutionId_TableKey_FieldKey_SortKey",
                table: "Solutions_RecordValues",
                columns: new[] { "TenantId", "SolutionId", "TableKey", "FieldKey", "SortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RuleRuns_DoneAt_DueAt",
                table: "Solutions_RuleRuns",
                columns: new[] { "DoneAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RuleRuns_TenantId_SolutionId",
                table: "Solutions_RuleRuns",
                columns: new[] { "TenantId", "SolutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Shares_ToOrganizationId_ImportedAt",
                table: "Solutions_Shares",
                columns: new[] { "ToOrganizationId", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Solutions_TenantId_WorkspaceId_Name",
                table: "Solutions_Solutions",
                columns: new[] { "TenantId", "WorkspaceId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Solutions_WorkspaceId",
                table: "Solutions_Solutions",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Versions_SolutionId",
                table: "Solutions_Versions",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Versions_TenantId_SolutionId_Number",
                table: "Solutions_Versions",
                columns: new[] { "TenantId", "SolutionId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Solutions_Assignments");

            migrationBuilder.DropTable(
                name: "Solutions_RecipeLibraries");

            migrationBuilder.DropTable(
                name: "Solutions_RecordCounters");

            migrationBuilder.DropTable(
                name: "Solutions_RecordTokens");

            migrationBuilder.DropTable(
                name: "Solutions_RecordValues");

            migrationBuilder.DropTable(
                name: "Solutions_RuleRuns");

            migrationBuilder.DropTable(
                name: "Solutions_Shares");

            migrationBuilder.DropTable(
                name: "Solutions_Versions");

            migrationBuilder.DropTable(
                name: "Solutions_Records");

            migrationBuilder.DropTable(
                name: "Solutions_Solutions");
        }
    }
}
