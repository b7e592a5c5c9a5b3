using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecipeUpdatesImportsAccountsAndMail : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "ProductLine",
                table: "Plans",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProductLine",
                table: "PartnerTiers_CaseStudies",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeadAt",
                table: "MailOutbox",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SupportSpecialist",
                table: "Invitations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PlatformAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Action = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    UserEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TableKey = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    RowCount = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RowsDone = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Imports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Imports_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Host = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: false),
                    Device = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "Plans",
                keyColumn: "Id",
                keyValue: new Guid("0199a000-0000-7000-8000-000000000001"),
                column: "ProductLine",
                value: null);

            migrationBuilder.UpdateData(
                table: "Plans",
                keyColumn: "Id",
                keyValue: new Guid("0199a000-0000-7000-8000-000000000002"),
                column: "ProductLine",
                value: null);

            migrationBuilder.UpdateData(
                table: "Plans",
                keyColumn: "Id",
                keyValue: new Guid("0199a000-0000-7000-8000-000000000003"),
                column: "ProductLine",
                value: null);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Solutions_TenantId_SourceSolutionId",
                table: "Solutions_Solutions",
                columns: new[] { "TenantId", "SourceSolutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlatformAudit_TenantId_Action_At",
                table: "PlatformAudit",
                columns: new[] { "TenantId", "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PlatformAudit_TenantId_At",
                table: "PlatformAudit",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Imports_SolutionId",
                table: "Solutions_Imports",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Imports_Status_CreatedAt",
                table: "Solutions_Imports",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Imports_TenantId_SolutionId",
                table: "Solutions_Imports",
                columns: new[] { "TenantId", "SolutionId" });

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

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlatformAudit");

            migrationBuilder.DropTable(
                name: "Solutions_Imports");

            migrationBuilder.DropTable(
                name: "Solutions_RecipeCopies");

            migrationBuilder.DropTable(
                name: "Solutions_Updates");

            migrationBuilder.DropTable(
                name: "UserSessions");

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

            migrationBuilder.DropColumn(
                name: "ProductLine",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ProductLine",
                table: "PartnerTiers_CaseStudies");

            migrationBuilder.DropColumn(
                name: "DeadAt",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "SupportSpecialist",
                table: "Invitations");
        }
    }
}
