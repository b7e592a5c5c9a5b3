using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// T8: an organization verifies its sending domain with a DKIM key published in a real DNS server
/// (dnsmasq), and its mail, received by a real SMTP server, passes an independent DKIM verifier
/// (Debian's python3-dkim) reading the key from that DNS server.
/// </summary>
public sealed class SenderDomainShould(DnsPortalFactory factory) : PortalTest<DnsPortalFactory>(factory)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task SignMailForAVerifiedDomainSoAnIndependentVerifierAcceptsIt()
    {
        var (org, client) = await SignedInOwnerAsync("Signed Co");
        var domain = NewDomain();
        await SaveSenderAsync(client, "Signed Co", $"hello@{domain}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Generate")).StatusCode);
        var (name, value) = await DkimRecordOnPageAsync(client);
        Assert.Equal($"portal1._domainkey.{domain}", name);
        Assert.StartsWith("v=DKIM1; k=rsa; p=MII", value);
        var stored = await World.InTenantAsync(org, db => db.DkimKeys.AsNoTracking().SingleAsync());
        Assert.DoesNotContain("PRIVATE KEY", stored.ProtectedPrivateKey); // kept only as Data Protection ciphertext

        // Not verified yet: from the platform's address, unsigned.
        var before = await InviteAndReceiveAsync(client);
        Assert.Equal("no-reply@portal.test", before.From.Mailboxes.Single().Address);
        Assert.DoesNotContain(before.Headers, h => h.Field == "DKIM-Signature");

        // Long TXT values are split into strings of at most 255 characters; the verifiers join them.
        Factory.Dns.SetTxt(name, Chunks(value, 200)).Apply();
        var verify = await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Verify");
        Assert.Equal(HttpStatusCode.Redirect, verify.StatusCode);
        Assert.True(await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Branding.SenderDomainVerified).SingleAsync()));

        var signed = await InviteAndReceiveAsync(client);
        Assert.Equal($"hello@{domain}", signed.From.Mailboxes.Single().Address);
        var signature = signed.Headers[HeaderId.DkimSignature];
        Assert.Contains($"d={domain}", signature);
        Assert.Contains("s=portal1", signature);

        var file = Factory.Smtp.FileOf(signed.MessageId!);
        Assert.Equal("pass", VerifyWithDkimpy(file, altered: false));
        Assert.Equal("fail", VerifyWithDkimpy(file, altered: true));

        var actions = await World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.Action.StartsWith("email.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["email.sender_changed", "email.dkim_key_generated", "email.domain_verified"], actions);
    }

    [Fact]
    public async Task ExplainAMissingDkimRecord()
    {
        var (org, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        await SaveSenderAsync(client, "Missing", $"hello@{domain}");
        await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Generate");

        var response = await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Verify");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains($"No TXT record found at portal1._domainkey.{domain}.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal($"hello@{domain}", page.QuerySelector<IHtmlInputElement>("input[name=MailFromAddress]")!.Value);
        Assert.False(await VerifiedAsync(org));
    }

    [Fact]
    public async Task RefuseARecordWithAnotherKey()
    {
        var (org, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        await SaveSenderAsync(client, "Rotated", $"hello@{domain}");
        await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Generate");
        var (name, oldValue) = await DkimRecordOnPageAsync(client);
        Factory.Dns.SetTxt(name, Chunks(oldValue, 200)).Apply();
        // A new key: new selector. Publishing the old record under the new name is the mistake to catch.
        await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Generate");
        var (newName, _) = await DkimRecordOnPageAsync(client);
        Assert.Equal($"portal2._domainkey.{domain}", newName);
        Factory.Dns.SetTxt(newName, Chunks(oldValue, 200)).Apply();

        var response = await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Verify");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"The TXT record at {newName} holds another key.", await response.Content.ReadAsStringAsync());
        Assert.False(await VerifiedAsync(org));
    }

    [Fact]
    public async Task ResetVerificationWhenTheAddressMovesToAnotherDomain()
    {
        var (org, client) = await SignedInOwnerAsync();
        var domain = NewDomain();
        await SaveSenderAsync(client, "Mover", $"hello@{domain}");
        await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Generate");
        var (name, value) = await DkimRecordOnPageAsync(client);
        Factory.Dns.SetTxt(name, Chunks(value, 200)).Apply();
        await client.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Verify");
        Assert.True(await VerifiedAsync(org));

        await SaveSenderAsync(client, "Mover", $"support@{domain.ToUpperInvariant()}");
        Assert.True(await VerifiedAsync(org)); // same domain, another mailbox

        await SaveSenderAsync(client, "Mover", $"hello@{NewDomain()}");
        Assert.False(await VerifiedAsync(org));
    }

    public static TheoryData<string, string, string> BadSenders => new()
    {
        { "Co", "not-an-address", "Enter a plain e-mail address" },                       // no @
        { "Co", "Name <hello@shop.test>", "Enter a plain e-mail address" },               // a display name
        { "Co", "hello@portal.test", "belongs to the platform" },                         // the platform's domain
        { "Co", "hello@acme.portal.test", "belongs to the platform" },                    // a platform subdomain
        { "Co", "hello@localhost", "domain name you own" },                               // no real domain
        { new string('x', 201), "hello@shop.test", "at most 200 characters" },            // over-long name
    };

    [Theory]
    [MemberData(nameof(BadSenders))]
    public async Task RefuseBadSenderInputKeepingTheForm(string name, string address, string message)
    {
        var (org, client) = await SignedInOwnerAsync();
        var response = await client.PostFormAsync("/settings/email", new Dictionary<string, string> { ["MailFromName"] = name, ["MailFromAddress"] = address }, "/settings/email");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(address, page.QuerySelector<IHtmlInputElement>("input[name=MailFromAddress]")!.Value);
        Assert.Equal(name, page.QuerySelector<IHtmlInputElement>("input[name=MailFromName]")!.Value);
        var branding = await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => new { o.Branding.MailFromName, o.Branding.MailFromAddress }).SingleAsync());
        Assert.Null(branding.MailFromName);
        Assert.Null(branding.MailFromAddress);
    }

    private static string NewDomain() => $"{TestWorld.UniqueSlug("mail")}.sender.test";

    private static string[] Chunks(string value, int size) =>
        Enumerable.Range(0, (value.Length + size - 1) / size).Select(i => value.Substring(i * size, Math.Min(size, value.Length - i * size))).ToArray();

    private async Task<(TestOrganization Org, PortalClient Client)> SignedInOwnerAsync(string? name = null)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, name);
        await Billing.BillingWorld.SubscribeAsync(World, org, PartnerPortal.Billing.Plan.Seeded.ProId); // room for the invitations these tests send (R7)
        var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        return (org, client);
    }

    private static async Task SaveSenderAsync(PortalClient client, string name, string address)
    {
        var response = await client.PostFormAsync("/settings/email", new Dictionary<string, string> { ["MailFromName"] = name, ["MailFromAddress"] = address }, "/settings/email");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<(string Name, string Value)> DkimRecordOnPageAsync(PortalClient client)
    {
        var (_, page) = await client.GetPageAsync("/settings/email");
        var cells = page.QuerySelectorAll("tr.dns-record[data-purpose=dkim] td").Select(td => td.TextContent.Trim()).ToArray();
        return (cells[1], cells[2]);
    }

    private Task<bool> VerifiedAsync(TestOrganization org) =>
        World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Branding.SenderDomainVerified).SingleAsync());

    private async Task<MimeMessage> InviteAndReceiveAsync(PortalClient client)
    {
        var to = $"{TestWorld.UniqueSlug("invitee")}@people.test";
        var response = await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = to, ["Role"] = "Member" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await Factory.Smtp.WaitForMessageAsync(to);
    }

    /// <summary>dkimpy's verdict on the stored message, the public key read from the test DNS server; optionally with its body altered.</summary>
    private string VerifyWithDkimpy(string file, bool altered)
    {
        const string script = """
            import sys, dkim, dns.resolver
            path, port, altered = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "altered"
            data = open(path, "rb").read()
            if altered:
                end = min(i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0)
                head, body = data[:end], data[end:]
                assert b"invited" in body, "nothing to alter"
                data = head + body.replace(b"invited", b"uninvited", 1)
            resolver = dns.resolver.Resolver(configure=False)
            resolver.nameservers = ["127.0.0.1"]
            resolver.port = port
            def txt(name, timeout=5):
                name = name.decode() if isinstance(name, bytes) else name
                answer = resolver.resolve(name, "TXT", lifetime=timeout)
                return b"".join(b"".join(record.strings) for record in answer)
            print("pass" if dkim.verify(data, dnsfunc=txt) else "fail")
            """;
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing: install Debian's python3-dkim (./test.sh does).");
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", script, file, Factory.Dns.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), altered ? "altered" : "as-received"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(30_000);
        Assert.True(process.ExitCode == 0, $"dkimpy failed: {error}");
        return output.Trim();
    }
}
