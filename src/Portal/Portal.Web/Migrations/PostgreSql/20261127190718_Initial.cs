using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace PartnerPortal.Web.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    IsPlatformAdmin = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    RunningSince = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    LastStartedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    LastDurationMilliseconds = table.Column<long>(type: "bigint", nullable: true),
                    LastItems = table.Column<int>(type: "integer", nullable: true),
                    LastSucceededAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    LastFailedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "MailOutbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ToName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FromAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    FromName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReplyToAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    SenderAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    HtmlBody = table.Column<string>(type: "text", nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DeadAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Slug = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    PrimaryHost = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    Industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Branding_ProductName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Branding_PrimaryColor = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Branding_AccentColor = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Branding_Theme = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Branding_ClientTheme = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Branding_FooterText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Branding_SupportEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Branding_SupportUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Branding_SupportPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Branding_LogoVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Branding_FaviconVersion = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Branding_MailFromName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Branding_MailFromAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Branding_SenderDomainVerified = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MonthlyListPrice = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    RecordLimit = table.Column<long>(type: "bigint", nullable: true),
                    MemberLimit = table.Column<int>(type: "integer", nullable: true),
                    CustomDomainLimit = table.Column<int>(type: "integer", nullable: true),
                    ProductLine = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WhiteLabel = table.Column<bool>(type: "boolean", nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlatformAudit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformAudit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlatformSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformSettings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ClientDeletions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    PurgeAfter = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    PurgedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ClientDeletions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ClientRows",
                columns: table => new
                {
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HostKey = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    PlanSort = table.Column<int>(type: "integer", nullable: false),
                    ListPrice = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    StatusRank = table.Column<int>(type: "integer", nullable: false),
                    LastActiveAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ClientRows", x => x.ClientId);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ConnectRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RequestedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Approved = table.Column<bool>(type: "boolean", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ConnectRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_RuleRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    ClaimedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_RuleRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Device = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ActingUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActingUserEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IpAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditEntries_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BrandAssets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                name: "ConsultantSeats_Certifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    GrantedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    RevokedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    LapsedNoticeSentAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Certifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Certifications_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InvitedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    AcceptedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Invitations_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_InvoiceNumbers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    LastSequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_InvoiceNumbers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_InvoiceNumbers_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Invoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SlaId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    GracePeriodDays = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    OverdueAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClientName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PartnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ConsultantName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ConsultantEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PaymentInstructions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Invoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Invoices_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Seats",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AlsoWorkspaceAdmin = table.Column<bool>(type: "boolean", nullable: false),
                    Origin = table.Column<int>(type: "integer", nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DeactivationRequestedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DeactivationRequestedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeactivationReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    EndsAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    EndedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedHow = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SolutionsCopied = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Seats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Seats_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_SignUpLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    SignUps = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_SignUpLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_SignUpLinks_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultantSeats_Slas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsultantUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    MonthlyFee = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PaymentTermsDays = table.Column<int>(type: "integer", nullable: false),
                    GracePeriodDays = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentInstructions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastInvoicedPeriod = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultantSeats_Slas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultantSeats_Slas_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DkimKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Selector = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    PublicKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                name: "Invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    SupportSpecialist = table.Column<bool>(type: "boolean", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InvitedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Invitations_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Memberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastActiveAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    SupportSpecialist = table.Column<bool>(type: "boolean", nullable: false),
                    DeactivatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ManagedBy = table.Column<string>(type: "text", nullable: true),
                    FreeSeat = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Memberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Memberships_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationDomains",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    VerificationToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastCheckedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DnsProblem = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DnsWarningSentAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationDomains", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationDomains_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationModules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Module = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IsOn = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "PartnerClientAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    AssignedByUserId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "PartnerClientLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerClientLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerClientLinks_Organizations_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerClientLinks_Organizations_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Badges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    EarnedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    AutoEarned = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Badges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Badges_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_CaseStudies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Customer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProductLine = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CompanySize = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Need = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Solution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Result = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Testimonial = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReviewNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmittedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ReviewedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_CaseStudies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_CaseStudies_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Deals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Customer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CustomerKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpectedArr = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    CloseDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Review = table.Column<int>(type: "integer", nullable: false),
                    ReviewReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PossibleDuplicate = table.Column<bool>(type: "boolean", nullable: false),
                    RegisteredByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ReviewedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    WonAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Deals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Deals_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Disputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    LedgerEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CorrectionEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    RaisedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ResolvedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Disputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Disputes_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    AccountName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Mrr = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    MrrCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    ProgramMrr = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    SplitWays = table.Column<int>(type: "integer", nullable: false),
                    ReferenceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Commission = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    CorrectsEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_LedgerEntries_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_ManagedRelationships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastActivityAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastActivityKind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastActivityUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_ManagedRelationships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_ManagedRelationships_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_MetricValues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_MetricValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_MetricValues_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Periods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Points = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    PointsForLowestTier = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SoldPoints = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SoldAccounts = table.Column<int>(type: "integer", nullable: false),
                    ManagedPoints = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ManagedAccounts = table.Column<int>(type: "integer", nullable: false),
                    BadgePoints = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    DealPoints = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CaseStudyPoints = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    MetricPoints = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CorrectionPoints = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Commission = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Periods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Periods_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Regions = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Industries = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Listed = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    UpdatedByUserId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Profiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Profiles_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_TierChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromTier = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ToTier = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Points = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_TierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_TierChanges_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTiers_Tiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tier = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    BelowSince = table.Column<DateOnly>(type: "date", nullable: true),
                    GraceUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTiers_Tiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTiers_Tiers_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Policy = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ChangedByUserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationPolicies_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResellerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DecidedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Approved = table.Column<bool>(type: "boolean", nullable: true),
                    ValidUntil = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationRequests_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResellerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationSessions_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_ImpersonationTickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ConsumedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_ImpersonationTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resellers_ImpersonationTickets_Organizations_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resellers_Profiles",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BecameResellerAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resellers_Profiles", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_Resellers_Profiles_Organizations_OrganizationId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_RecordCounters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
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
                name: "Solutions_Shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromOrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PackageJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    RecipeSolutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecipeVersion = table.Column<int>(type: "integer", nullable: true),
                    RecipeCopyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Protected = table.Column<bool>(type: "boolean", nullable: false),
                    PreviewedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Shares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Shares_Organizations_ToOrganizationId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Workspaces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workspaces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Workspaces_Organizations_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccountSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    TrialStartedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    TrialEndsAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    TrialReminderSentAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    BillingMode = table.Column<int>(type: "integer", nullable: false),
                    RequestedBillingMode = table.Column<int>(type: "integer", nullable: true),
                    BillingModeRequestedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    BillingModeRequestedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ResellerPrice = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ResellerPriceKind = table.Column<int>(type: "integer", nullable: false),
                    ResellerPriceCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    OverLimitSince = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    OverLimitKinds = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountSubscriptions_Organizations_OrganizationId",
                        column: x => x.TenantId,
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

            migrationBuilder.CreateTable(
                name: "Solutions_RecipeLibraries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "Solutions_Solutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Tags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DraftJson = table.Column<string>(type: "text", nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: true),
                    SourceOrganization = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SourceRecipe = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SourceVersion = table.Column<int>(type: "integer", nullable: true),
                    SourceOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SourceSolutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    SourceDefinitionJson = table.Column<string>(type: "text", nullable: true),
                    ProtectsCopies = table.Column<bool>(type: "boolean", nullable: false),
                    ProtectedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeletedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    PurgeAfter = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Suspension = table.Column<int>(type: "integer", nullable: true),
                    SuspensionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SuspendedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    SuspendedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    LastRuleError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastRuleErrorAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
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
                name: "WorkspaceMemberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkspaceMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkspaceMemberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkspaceMemberships_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
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
                name: "Solutions_Imports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TableKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: true),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    RowsDone = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                name: "Solutions_Listings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PackageJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Installs = table.Column<int>(type: "integer", nullable: false),
                    ListedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ListedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnlistedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions_Listings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Listings_Solutions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions_Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Solutions_RecipeCopies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipeSolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    PreviewedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    CopySolutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CopyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RunningVersion = table.Column<int>(type: "integer", nullable: true),
                    PushedVersion = table.Column<int>(type: "integer", nullable: true),
                    UpdateState = table.Column<int>(type: "integer", nullable: true),
                    UpdateAnsweredAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
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
                name: "Solutions_Records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TableKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                name: "Solutions_Updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromOrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromOrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecipeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromVersion = table.Column<int>(type: "integer", nullable: true),
                    ToVersion = table.Column<int>(type: "integer", nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false),
                    RecipeCopyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    AnsweredByEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true)
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
                name: "Solutions_Versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    PublishedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PublishedByEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TableKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Token = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TableKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FieldKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    SortKey = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    HasValue = table.Column<bool>(type: "boolean", nullable: false)
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

            migrationBuilder.InsertData(
                table: "Plans",
                columns: new[] { "Id", "ArchivedAt", "Code", "CreatedAt", "Currency", "CustomDomainLimit", "IsDefault", "MemberLimit", "MonthlyListPrice", "Name", "ProductLine", "RecordLimit", "SortOrder", "WhiteLabel" },
                values: new object[,]
                {
                    { new Guid("0199a000-0000-7000-8000-000000000001"), null, "free", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "USD", 0, true, 2, 0m, "Free", null, 50L, 0, true },
                    { new Guid("0199a000-0000-7000-8000-000000000002"), null, "basic", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "USD", 1, false, 10, 29m, "Basic", null, 5000L, 1, true },
                    { new Guid("0199a000-0000-7000-8000-000000000003"), null, "pro", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "USD", 5, false, null, 99m, "Pro", null, null, 2, true }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSubscriptions_PlanId",
                table: "AccountSubscriptions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountSubscriptions_TenantId",
                table: "AccountSubscriptions",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountSubscriptions_TrialEndsAt",
                table: "AccountSubscriptions",
                column: "TrialEndsAt");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId_At",
                table: "AuditEntries",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_BrandAssets_TenantId_Kind",
                table: "BrandAssets",
                columns: new[] { "TenantId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Certifications_TenantId_UserId",
                table: "ConsultantSeats_Certifications",
                columns: new[] { "TenantId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Certifications_UserId",
                table: "ConsultantSeats_Certifications",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Certifications_ValidUntil",
                table: "ConsultantSeats_Certifications",
                column: "ValidUntil");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invitations_TenantId_TokenHash",
                table: "ConsultantSeats_Invitations",
                columns: new[] { "TenantId", "TokenHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invitations_TenantId_WorkspaceId",
                table: "ConsultantSeats_Invitations",
                columns: new[] { "TenantId", "WorkspaceId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_InvoiceNumbers_TenantId_ConsultantUserId",
                table: "ConsultantSeats_InvoiceNumbers",
                columns: new[] { "TenantId", "ConsultantUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_ConsultantUserId_PartnerId_IssuedOn",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "ConsultantUserId", "PartnerId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_Status_DueOn",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_TenantId_IssuedOn",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "TenantId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Invoices_TenantId_SlaId_Period",
                table: "ConsultantSeats_Invoices",
                columns: new[] { "TenantId", "SlaId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Seats_EndsAt",
                table: "ConsultantSeats_Seats",
                column: "EndsAt");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Seats_TenantId_WorkspaceId_UserId",
                table: "ConsultantSeats_Seats",
                columns: new[] { "TenantId", "WorkspaceId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Seats_UserId_PartnerId",
                table: "ConsultantSeats_Seats",
                columns: new[] { "UserId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_SignUpLinks_Code",
                table: "ConsultantSeats_SignUpLinks",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_SignUpLinks_TenantId_UserId",
                table: "ConsultantSeats_SignUpLinks",
                columns: new[] { "TenantId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Slas_ConsultantUserId_PartnerId",
                table: "ConsultantSeats_Slas",
                columns: new[] { "ConsultantUserId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Slas_LastInvoicedPeriod",
                table: "ConsultantSeats_Slas",
                column: "LastInvoicedPeriod");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultantSeats_Slas_TenantId_ConsultantUserId",
                table: "ConsultantSeats_Slas",
                columns: new[] { "TenantId", "ConsultantUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_DkimKeys_TenantId",
                table: "DkimKeys",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_TenantId_TokenHash",
                table: "Invitations",
                columns: new[] { "TenantId", "TokenHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_TokenHash",
                table: "Invitations",
                column: "TokenHash");

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentAt_DueAt",
                table: "MailOutbox",
                columns: new[] { "SentAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_TenantId_UserId",
                table: "Memberships",
                columns: new[] { "TenantId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UserId",
                table: "Memberships",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationDomains_Host",
                table: "OrganizationDomains",
                column: "Host",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationDomains_OrganizationId",
                table: "OrganizationDomains",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationModules_TenantId_Module",
                table: "OrganizationModules",
                columns: new[] { "TenantId", "Module" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Slug",
                table: "Organizations",
                column: "Slug",
                unique: true);

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
                name: "IX_PartnerClientLinks_ClientId",
                table: "PartnerClientLinks",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientLinks_PartnerId_ClientId",
                table: "PartnerClientLinks",
                columns: new[] { "PartnerId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Badges_TenantId_Name",
                table: "PartnerTiers_Badges",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_CaseStudies_Status",
                table: "PartnerTiers_CaseStudies",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_CaseStudies_TenantId_Status",
                table: "PartnerTiers_CaseStudies",
                columns: new[] { "TenantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Deals_CustomerKey",
                table: "PartnerTiers_Deals",
                column: "CustomerKey");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Deals_Review",
                table: "PartnerTiers_Deals",
                column: "Review");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Deals_TenantId_RegisteredAt",
                table: "PartnerTiers_Deals",
                columns: new[] { "TenantId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Disputes_Status",
                table: "PartnerTiers_Disputes",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Disputes_TenantId_LedgerEntryId",
                table: "PartnerTiers_Disputes",
                columns: new[] { "TenantId", "LedgerEntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_LedgerEntries_TenantId_Period_SourceKey",
                table: "PartnerTiers_LedgerEntries",
                columns: new[] { "TenantId", "Period", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_LedgerEntries_TenantId_Source_Period",
                table: "PartnerTiers_LedgerEntries",
                columns: new[] { "TenantId", "Source", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_ManagedRelationships_AccountId_EndedAt",
                table: "PartnerTiers_ManagedRelationships",
                columns: new[] { "AccountId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_ManagedRelationships_EndedAt_LastActivityAt",
                table: "PartnerTiers_ManagedRelationships",
                columns: new[] { "EndedAt", "LastActivityAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_ManagedRelationships_TenantId_AccountId_EndedAt",
                table: "PartnerTiers_ManagedRelationships",
                columns: new[] { "TenantId", "AccountId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_MetricValues_TenantId_Key",
                table: "PartnerTiers_MetricValues",
                columns: new[] { "TenantId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Periods_TenantId_Period",
                table: "PartnerTiers_Periods",
                columns: new[] { "TenantId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Profiles_Listed",
                table: "PartnerTiers_Profiles",
                column: "Listed");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Profiles_TenantId",
                table: "PartnerTiers_Profiles",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_TierChanges_TenantId_At",
                table: "PartnerTiers_TierChanges",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTiers_Tiers_TenantId",
                table: "PartnerTiers_Tiers",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_Code",
                table: "Plans",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlatformAudit_TenantId_Action_At",
                table: "PlatformAudit",
                columns: new[] { "TenantId", "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PlatformAudit_TenantId_At",
                table: "PlatformAudit",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientDeletions_ClientId",
                table: "Resellers_ClientDeletions",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientDeletions_PurgedAt_PurgeAfter",
                table: "Resellers_ClientDeletions",
                columns: new[] { "PurgedAt", "PurgeAfter" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientDeletions_TenantId",
                table: "Resellers_ClientDeletions",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_TenantId_CreatedAt_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "TenantId", "CreatedAt", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_TenantId_HostKey",
                table: "Resellers_ClientRows",
                columns: new[] { "TenantId", "HostKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_TenantId_LastActiveAt_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "TenantId", "LastActiveAt", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_TenantId_ListPrice_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "TenantId", "ListPrice", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_TenantId_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "TenantId", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_TenantId_PlanSort_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "TenantId", "PlanSort", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ClientRows_TenantId_StatusRank_NameKey_ClientId",
                table: "Resellers_ClientRows",
                columns: new[] { "TenantId", "StatusRank", "NameKey", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ConnectRequests_ResellerId_DecidedAt",
                table: "Resellers_ConnectRequests",
                columns: new[] { "ResellerId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ConnectRequests_TenantId_DecidedAt",
                table: "Resellers_ConnectRequests",
                columns: new[] { "TenantId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ConnectRequests_TokenHash",
                table: "Resellers_ConnectRequests",
                column: "TokenHash");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationPolicies_TenantId",
                table: "Resellers_ImpersonationPolicies",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationRequests_TenantId_UserId_RequestedAt",
                table: "Resellers_ImpersonationRequests",
                columns: new[] { "TenantId", "UserId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationSessions_TenantId_ResellerId_EndedAt",
                table: "Resellers_ImpersonationSessions",
                columns: new[] { "TenantId", "ResellerId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationSessions_TenantId_StartedAt",
                table: "Resellers_ImpersonationSessions",
                columns: new[] { "TenantId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_ClientId",
                table: "Resellers_ImpersonationTickets",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_ExpiresAt",
                table: "Resellers_ImpersonationTickets",
                columns: new[] { "TenantId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TenantId_TokenHash",
                table: "Resellers_ImpersonationTickets",
                columns: new[] { "TenantId", "TokenHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_ImpersonationTickets_TokenHash",
                table: "Resellers_ImpersonationTickets",
                column: "TokenHash");

            migrationBuilder.CreateIndex(
                name: "IX_Resellers_Profiles_PartnerCode",
                table: "Resellers_Profiles",
                column: "PartnerCode",
                unique: true);

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
                name: "IX_Solutions_Listings_SolutionId",
                table: "Solutions_Listings",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Listings_TenantId_SolutionId",
                table: "Solutions_Listings",
                columns: new[] { "TenantId", "SolutionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Listings_UnlistedAt_Installs",
                table: "Solutions_Listings",
                columns: new[] { "UnlistedAt", "Installs" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecipeCopies_RecipeSolutionId",
                table: "Solutions_RecipeCopies",
                column: "RecipeSolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecipeCopies_TenantId_RecipeSolutionId",
                table: "Solutions_RecipeCopies",
                columns: new[] { "TenantId", "RecipeSolutionId" });

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
                name: "IX_Solutions_Records_TenantId_Id",
                table: "Solutions_Records",
                columns: new[] { "TenantId", "Id" });

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
                name: "IX_Solutions_RecordValues_RecordId",
                table: "Solutions_RecordValues",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_TenantId_RecordId_FieldKey",
                table: "Solutions_RecordValues",
                columns: new[] { "TenantId", "RecordId", "FieldKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_RecordValues_TenantId_SolutionId_TableKey_FieldKe~",
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
                name: "IX_Solutions_Shares_TenantId_ImportedAt",
                table: "Solutions_Shares",
                columns: new[] { "TenantId", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Solutions_TenantId_SourceSolutionId",
                table: "Solutions_Solutions",
                columns: new[] { "TenantId", "SourceSolutionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Solutions_TenantId_WorkspaceId_Name",
                table: "Solutions_Solutions",
                columns: new[] { "TenantId", "WorkspaceId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Solutions_WorkspaceId",
                table: "Solutions_Solutions",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Updates_SolutionId",
                table: "Solutions_Updates",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Updates_TenantId_SolutionId_AppliedAt_DeclinedAt",
                table: "Solutions_Updates",
                columns: new[] { "TenantId", "SolutionId", "AppliedAt", "DeclinedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Versions_SolutionId",
                table: "Solutions_Versions",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Versions_TenantId_SolutionId_Number",
                table: "Solutions_Versions",
                columns: new[] { "TenantId", "SolutionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceMemberships_TenantId_WorkspaceId_UserId",
                table: "WorkspaceMemberships",
                columns: new[] { "TenantId", "WorkspaceId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceMemberships_UserId",
                table: "WorkspaceMemberships",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkspaceMemberships_WorkspaceId",
                table: "WorkspaceMemberships",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_Workspaces_TenantId_Name",
                table: "Workspaces",
                columns: new[] { "TenantId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSubscriptions");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BrandAssets");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Certifications");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Invitations");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_InvoiceNumbers");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Invoices");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Seats");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_SignUpLinks");

            migrationBuilder.DropTable(
                name: "ConsultantSeats_Slas");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DkimKeys");

            migrationBuilder.DropTable(
                name: "Invitations");

            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropTable(
                name: "MailOutbox");

            migrationBuilder.DropTable(
                name: "Memberships");

            migrationBuilder.DropTable(
                name: "OrganizationDomains");

            migrationBuilder.DropTable(
                name: "OrganizationModules");

            migrationBuilder.DropTable(
                name: "PartnerClientAssignments");

            migrationBuilder.DropTable(
                name: "PartnerClientLinks");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Badges");

            migrationBuilder.DropTable(
                name: "PartnerTiers_CaseStudies");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Deals");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Disputes");

            migrationBuilder.DropTable(
                name: "PartnerTiers_LedgerEntries");

            migrationBuilder.DropTable(
                name: "PartnerTiers_ManagedRelationships");

            migrationBuilder.DropTable(
                name: "PartnerTiers_MetricValues");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Periods");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Profiles");

            migrationBuilder.DropTable(
                name: "PartnerTiers_TierChanges");

            migrationBuilder.DropTable(
                name: "PartnerTiers_Tiers");

            migrationBuilder.DropTable(
                name: "PlatformAudit");

            migrationBuilder.DropTable(
                name: "PlatformSettings");

            migrationBuilder.DropTable(
                name: "Resellers_ClientDeletions");

            migrationBuilder.DropTable(
                name: "Resellers_ClientRows");

            migrationBuilder.DropTable(
                name: "Resellers_ConnectRequests");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationPolicies");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationRequests");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationSessions");

            migrationBuilder.DropTable(
                name: "Resellers_ImpersonationTickets");

            migrationBuilder.DropTable(
                name: "Resellers_Profiles");

            migrationBuilder.DropTable(
                name: "Solutions_Assignments");

            migrationBuilder.DropTable(
                name: "Solutions_Imports");

            migrationBuilder.DropTable(
                name: "Solutions_Listings");

            migrationBuilder.DropTable(
                name: "Solutions_RecipeCopies");

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
                name: "Solutions_Updates");

            migrationBuilder.DropTable(
                name: "Solutions_Versions");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "WorkspaceMemberships");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropTable(
                name: "Solutions_Records");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Solutions_Solutions");

            migrationBuilder.DropTable(
                name: "Workspaces");

            migrationBuilder.DropTable(
                name: "Organizations");
        }
    }
}
