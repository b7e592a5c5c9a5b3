using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PartnerPortal.Web.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PlansAndPartnerRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Memberships",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SupportSpecialist",
                table: "Memberships",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PartnerClientAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AssignedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerClientAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerClientAssignments_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartnerClientAssignments_Organizations_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerClientAssignments_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    MonthlyListPrice = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    RecordLimit = table.Column<long>(type: "bigint", nullable: true),
                    MemberLimit = table.Column<int>(type: "int", nullable: true),
                    CustomDomainLimit = table.Column<int>(type: "int", nullable: true),
                    WhiteLabel = table.Column<bool>(type: "bit", nullable: false),
                    IsDefault = table.Column<bool>(type: "bit", nullable: false),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccountSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TrialStartedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TrialEndsAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TrialReminderSentAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    BillingMode = table.Column<int>(type: "int", nullable: false),
                    RequestedBillingMode = table.Column<int>(type: "int", nullable: true),
                    BillingModeRequestedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BillingModeRequestedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ResellerPrice = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    ResellerPriceKind = table.Column<int>(type: "int", nullable: false),
                    ResellerPriceCurrency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true),
                    OverLimitSince = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OverLimitKinds = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountSubscriptions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccountSubscriptions_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Plans",
                columns: new[] { "Id", "ArchivedAt", "Code", "CreatedAt", "Currency", "CustomDomainLimit", "IsDefault", "MemberLimit", "MonthlyListPrice", "Name", "RecordLimit", "SortOrder", "WhiteLabel" },
                values: new object[,]
                {
                    { new Guid("0199a000-0000-7000-8000-000000000001"), null, "free", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "USD", 0, true, 2, 0m, "Free", 50L, 0, true },
                    { new Guid("0199a000-0000-7000-8000-000000000002"), null, "basic", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "USD", 1, false, 10, 29m, "Basic", 5000L, 1, true },
                    { new Guid("0199a000-0000-7000-8000-000000000003"), null, "pro", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "USD", 5, false, null, 99m, "Pro", null, 2, true }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSubscriptions_OrganizationId",
                table: "AccountSubscriptions",
                column: "OrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountSubscriptions_PlanId",
                table: "AccountSubscriptions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountSubscriptions_TrialEndsAt",
                table: "AccountSubscriptions",
                column: "TrialEndsAt");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientAssignments_ClientId",
                table: "PartnerClientAssignments",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientAssignments_TenantId_ClientId",
                table: "PartnerClientAssignments",
                columns: new[] { "TenantId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientAssignments_TenantId_UserId_ClientId",
                table: "PartnerClientAssignments",
                columns: new[] { "TenantId", "UserId", "ClientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientAssignments_UserId",
                table: "PartnerClientAssignments",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_Code",
                table: "Plans",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSubscriptions");

            migrationBuilder.DropTable(
                name: "PartnerClientAssignments");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Memberships");

            migrationBuilder.DropColumn(
                name: "SupportSpecialist",
                table: "Memberships");
        }
    }
}
