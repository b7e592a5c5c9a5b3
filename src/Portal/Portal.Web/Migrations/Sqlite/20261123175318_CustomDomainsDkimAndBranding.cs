using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomDomainsDkimAndBranding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Branding_Theme becomes nullable. EF would rebuild the table for that, with PRAGMA
            // foreign_keys outside the transaction, so a failure could leave the upgrade half-applied.
            // Dropping NOT NULL changes no stored row, so SQLite allows it as an edit of the table's
            // definition (sqlite.org/lang_altertable.html, "otherwise"), which runs inside the migration's transaction.
            NotNullOfTheme(migrationBuilder, from: "\"Branding_Theme\" TEXT NOT NULL", to: "\"Branding_Theme\" TEXT NULL");

            migrationBuilder.AddColumn<string>(
                name: "Branding_ClientTheme",
                table: "Organizations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Branding_FaviconVersion",
                table: "Organizations",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Branding_LogoVersion",
                table: "Organizations",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Branding_SupportPhone",
                table: "Organizations",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Branding_SupportUrl",
                table: "Organizations",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DnsProblem",
                table: "OrganizationDomains",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DnsWarningSentAt",
                table: "OrganizationDomains",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastCheckedAt",
                table: "OrganizationDomains",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BrandAssets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrandAssets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BrandAssets_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DkimKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Selector = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DkimKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DkimKeys_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BrandAssets_TenantId_Kind",
                table: "BrandAssets",
                columns: new[] { "TenantId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DkimKeys_TenantId",
                table: "DkimKeys",
                column: "TenantId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BrandAssets");

            migrationBuilder.DropTable(
                name: "DkimKeys");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropColumn(
                name: "Branding_ClientTheme",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Branding_FaviconVersion",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Branding_LogoVersion",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Branding_SupportPhone",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Branding_SupportUrl",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "DnsProblem",
                table: "OrganizationDomains");

            migrationBuilder.DropColumn(
                name: "DnsWarningSentAt",
                table: "OrganizationDomains");

            migrationBuilder.DropColumn(
                name: "LastCheckedAt",
                table: "OrganizationDomains");

            // Back to NOT NULL: no row may be null first, then the same edit of the definition.
            migrationBuilder.Sql("UPDATE \"Organizations\" SET \"Branding_Theme\" = '' WHERE \"Branding_Theme\" IS NULL;");
            NotNullOfTheme(migrationBuilder, from: "\"Branding_Theme\" TEXT NULL", to: "\"Branding_Theme\" TEXT NOT NULL");
        }

        /// <summary>
        /// Rewrites the column's definition in sqlite_master, reloads this connection's schema
        /// (RESET) and changes the schema once more so every other open connection reloads it too.
        /// </summary>
        private static void NotNullOfTheme(MigrationBuilder migrationBuilder, string from, string to)
        {
            migrationBuilder.Sql("PRAGMA writable_schema = ON;");
            migrationBuilder.Sql($"UPDATE sqlite_master SET sql = replace(sql, '{from}', '{to}') WHERE type = 'table' AND name = 'Organizations';");
            migrationBuilder.Sql("PRAGMA writable_schema = RESET;");
            migrationBuilder.Sql("CREATE TABLE \"__SchemaReload\" (\"Id\" INTEGER);");
            migrationBuilder.Sql("DROP TABLE \"__SchemaReload\";");
        }
    }
}
