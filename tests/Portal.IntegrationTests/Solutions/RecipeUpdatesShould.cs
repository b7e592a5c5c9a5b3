using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Center;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>S4, S7: copies keep a link to their recipe; the owner pushes versions, each copy's admin applies or declines, and the owner follows every copy.</summary>
public sealed class RecipeUpdatesShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    /// <summary>Version 2 of the test recipe: "Visits" removed, "Phone" added, "Status" gains an option.</summary>
    private static readonly string Version2 = """
        {
          "format": "partnerportal-solution", "formatVersion": 1, "name": "Clinic",
          "tables": [
            { "key": "patients", "name": "Patients", "fields": [
                { "key": "name", "name": "Name", "type": "text", "required": true },
                { "key": "email", "name": "E-mail", "type": "email" },
                { "key": "status", "name": "Status", "type": "choice", "options": ["Booked", "Done", "Cancelled"] },
                { "key": "phone", "name": "Phone", "type": "phone" } ] }
          ],
          "rules": [ ]
        }
        """;

    private sealed record Copy(TestOrganization Org, PortalUser Owner, Guid Solution, PortalClient Client);

    private sealed record Setup(TestOrganization Partner, PortalUser PartnerOwner, Guid Recipe, PortalClient Sender);

    private async Task<Setup> RecipeAsync(bool protect = false)
    {
        var partner = await World.CreateOrganizationAsync(kind: OrganizationKind.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, owner, OrganizationRole.Owner);
        var recipe = await SolutionWorld.CreateSolutionAsync(Factory, partner);
        var sender = await SolutionWorld.SignedInAsync(Factory, partner, owner);
        if (protect) Assert.Equal(HttpStatusCode.Redirect, (await sender.PostFormAsync($"/solutions/{recipe}/manage", new Dictionary<string, string> { ["protect"] = "true" }, $"/solutions/{recipe}/manage?handler=Protect")).StatusCode);
        return new Setup(partner, owner, recipe, sender);
    }

    /// <summary>A client of the partner that received a copy of the recipe and imported it, with <paramref name="records"/> patients.</summary>
    private async Task<Copy> CopyAsync(Setup setup, int records = 3)
    {
        var client = await World.CreateOrganizationAsync(reseller: setup.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(client, owner, OrganizationRole.Owner);
        var sent = await setup.Sender.PostFormAsync($"/solutions/{setup.Recipe}/manage", new Dictionary<string, string> { ["organizationId"] = client.Id.ToString() }, $"/solutions/{setup.Recipe}/manage?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var share = await World.InTenantAsync(client, db => db.Set<SolutionShare>().Select(s => s.Id).SingleAsync());
        var browser = await SolutionWorld.SignedInAsync(Factory, client, owner);
        var workspace = await World.InTenantAsync(client, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/solutions/shares?preview={share}")).StatusCode);
        var imported = await browser.PostFormAsync("/solutions/shares", new Dictionary<string, string> { ["shareId"] = share.ToString(), ["workspaceId"] = workspace.ToString() }, "/solutions/shares?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var copy = await World.InTenantAsync(client, db => db.Set<Solution>().Select(s => s.Id).SingleAsync());
        for (var i = 1; i <= records; i++)
        {
            var page = $"/solutions/{copy}/tables/patients/record";
            var saved = await browser.PostFormAsync(page, new Dictionary<string, string> { ["f.name"] = $"Patient {i}", ["f.visits"] = $"{i}", ["f.status"] = "Booked" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        return new Copy(client, owner, copy, browser);
    }

    /// <summary>The owner's builder saves <paramref name="json"/> as the draft and publishes it.</summary>
    private async Task PublishAsync(Setup setup, string json)
    {
        var definition = PackageWriter.WriteDefinition(PackageReader.Read(json).Package!.Definition);
        await World.InTenantAsync(setup.Partner, async db =>
        {
            var recipe = await db.Set<Solution>().SingleAsync(s => s.Id == setup.Recipe);
            recipe.DraftJson = definition;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Redirect, (await setup.Sender.PostFormAsync($"/solutions/{setup.Recipe}/manage", new Dictionary<string, string>(), $"/solutions/{setup.Recipe}/manage?handler=Publish")).StatusCode);
    }

    private Task<List<RecipeCopy>> CopyRowsAsync(Setup setup) =>
        World.InTenantAsync(setup.Partner, db => db.Set<RecipeCopy>().AsNoTracking().OrderBy(c => c.SentAt).ToListAsync());

    private async Task<HttpResponseMessage> PushAsync(Setup setup, params Copy[] copies)
    {
        var rows = await CopyRowsAsync(setup);
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < copies.Length; i++) fields[$"copyIds[{i}]"] = rows.Single(r => r.RecipientOrganizationId == copies[i].Org.Id).Id.ToString();
        return await setup.Sender.PostFormAsync($"/solutions/{setup.Recipe}/manage", fields, $"/solutions/{setup.Recipe}/manage?handler=Push");
    }

    /// <summary>Version 3: version 2 with a "Notes" field.</summary>
    private static readonly string Version3 = Version2.Replace("""{ "key": "phone", "name": "Phone", "type": "phone" } ]""", """{ "key": "phone", "name": "Phone", "type": "phone" }, { "key": "notes", "name": "Notes", "type": "text" } ]""", StringComparison.Ordinal);

    /// <summary>A client of the partner, with its own owner (the copy's admin), where the partner's owner holds a consultant seat and deploys the recipe.</summary>
    private async Task<Copy> DeployedCopyAsync(Setup setup)
    {
        var client = await World.CreateOrganizationAsync(reseller: setup.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(client, owner, OrganizationRole.Owner);
        await SolutionWorld.ConsultantSeatAsync(World, client, setup.PartnerOwner);
        var workspace = await World.InTenantAsync(client, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        var deployed = await setup.Sender.PostFormAsync($"/solutions/{setup.Recipe}/deploy?to={workspace}", new Dictionary<string, string> { ["to"] = workspace.ToString() }, $"/solutions/{setup.Recipe}/deploy");
        Assert.Equal(HttpStatusCode.Redirect, deployed.StatusCode);
        var copy = await World.InTenantAsync(client, db => db.Set<Solution>().Select(s => s.Id).SingleAsync());
        return new Copy(client, owner, copy, await SolutionWorld.SignedInAsync(Factory, client, owner));
    }

    /// <summary>An organization unrelated to the partner whose owner installs the recipe's Solution Center listing.</summary>
    private async Task<Copy> InstalledCopyAsync(Setup setup)
    {
        var listed = await setup.Sender.PostFormAsync("/solutions/listings", new Dictionary<string, string>
        {
            ["SolutionId"] = setup.Recipe.ToString(), ["Name"] = "Clinic kit", ["Description"] = "Patients and visits.", ["Industry"] = "Healthcare",
        });
        Assert.Equal(HttpStatusCode.Redirect, listed.StatusCode);
        var listing = await World.InTenantAsync(setup.Partner, db => db.Set<SolutionListing>().Select(l => l.Id).SingleAsync());
        var (clinic, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var browser = await SolutionWorld.SignedInAsync(Factory, clinic, owner);
        var workspace = await World.InTenantAsync(clinic, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        var installed = await browser.PostFormAsync($"/solution-center/{listing}/install", new Dictionary<string, string> { ["workspaceId"] = workspace.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, installed.StatusCode);
        var copy = await World.InTenantAsync(clinic, db => db.Set<Solution>().Select(s => s.Id).SingleAsync());
        return new Copy(clinic, owner, copy, browser);
    }

    /// <summary>The link a copy carries, as the server set it, and the owner's row that follows it.</summary>
    private async Task AssertLinkedAsync(Setup setup, Copy copy, string? protectedBy)
    {
        var solution = await World.InTenantAsync(copy.Org, db => db.Set<Solution>().AsNoTracking().SingleAsync(s => s.Id == copy.Solution));
        Assert.Equal((setup.Partner.Id, setup.Recipe, protectedBy), (solution.SourceOrganizationId!.Value, solution.SourceSolutionId!.Value, solution.ProtectedBy));
        Assert.NotNull(solution.SourceDefinitionJson);
        var row = (await CopyRowsAsync(setup)).Single(r => r.RecipientOrganizationId == copy.Org.Id);
        Assert.Equal((copy.Solution, (int?)1), (row.CopySolutionId!.Value, row.RunningVersion));
        Assert.NotNull(row.ImportedAt);
    }

    /// <summary>What the owner's "Copies and updates" section says.</summary>
    private async Task<string> CopiesTextAsync(Setup setup) =>
        (await setup.Sender.GetPageAsync($"/solutions/{setup.Recipe}/manage")).Document.QuerySelector("#copies-out")!.ParentElement!.TextContent;

    private Task<Guid> UpdateIdAsync(Copy copy) => World.InTenantAsync(copy.Org, db => db.Set<SolutionUpdate>().Where(SolutionUpdate.Waiting).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task ShowEachCopysAdminWhatAnUpdateChangesAndKeepEveryRecordWhenApplied()
    {
        var setup = await RecipeAsync();
        var contoso = await CopyAsync(setup);
        await PublishAsync(setup, Version2);
        Assert.Equal(HttpStatusCode.Redirect, (await PushAsync(setup, contoso)).StatusCode);

        // Told by e-mail in the copy's own branding, and in the app.
        var mail = await Factory.Smtp.WaitForMessageAsync(contoso.Owner.Email!, m => m.Subject?.Contains("sent version 2", StringComparison.Ordinal) == true);
        Assert.Equal($"{setup.Partner.Name} sent version 2 of Clinic", mail.Subject);
        Assert.Equal(contoso.Org.Name, mail.From.Mailboxes.Single().Name);
        var update = await UpdateIdAsync(contoso);
        Assert.Contains($"/solutions/updates/{update}", mail.TextBody);
        Assert.Contains("1 update of your solutions", (await contoso.Client.GetPageAsync("/solutions")).Document.QuerySelector("main")!.TextContent);

        var (_, preview) = await contoso.Client.GetPageAsync($"/solutions/updates/{update}");
        var text = preview.QuerySelector("main")!.TextContent;
        Assert.Contains("Patients", preview.QuerySelector("main h2")!.TextContent);
        Assert.Contains("Added field Phone: Empty in your 3 records.", text);
        Assert.Contains("Removed field Visits: Its values in 3 records are kept and shown on each record as kept values.", text);
        Assert.Contains("Changed field Status", text);

        var applied = await contoso.Client.PostFormAsync($"/solutions/updates/{update}", new Dictionary<string, string>(), $"/solutions/updates/{update}?handler=Apply");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var copy = await World.InTenantAsync(contoso.Org, db => db.Set<Solution>().AsNoTracking().SingleAsync(s => s.Id == contoso.Solution));
        Assert.Equal((2, 2), (copy.CurrentVersion, copy.SourceVersion));
        var definition = PackageReader.ReadStoredDefinition(await World.InTenantAsync(contoso.Org, db => db.Set<SolutionVersion>().Where(v => v.SolutionId == copy.Id && v.Number == 2).Select(v => v.DefinitionJson).SingleAsync()));
        Assert.Equal(["name", "email", "status", "phone"], definition.Table("patients")!.Fields.Select(f => f.Key));

        // Every record is there, the removed field's value kept and shown as such.
        var records = await World.InTenantAsync(contoso.Org, db => db.Set<SolutionRecord>().AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync());
        Assert.Equal(3, records.Count);
        var first = JsonNode.Parse(records[0].ValuesJson)!.AsObject();
        Assert.Equal("Patient 1", first["name"]!.GetValue<string>());
        Assert.False(first.ContainsKey("visits"));
        Assert.Equal("1", first["_kept"]!["Visits"]!.GetValue<string>());
        var (_, record) = await contoso.Client.GetPageAsync($"/solutions/{copy.Id}/tables/patients/record/{records[0].Id}");
        Assert.Contains("Visits", record.QuerySelector(".kept-values")!.TextContent);

        // The owner sees the copy's version and the outcome.
        var row = (await CopyRowsAsync(setup)).Single();
        Assert.Equal((2, UpdateState.Applied), (row.RunningVersion, row.UpdateState));
        var (_, manage) = await setup.Sender.GetPageAsync($"/solutions/{setup.Recipe}/manage");
        Assert.Contains("v2 applied", manage.QuerySelector("#copies-out")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task LetAnAdminDeclineAnUpdateAndTellTheOwner()
    {
        var setup = await RecipeAsync();
        var contoso = await CopyAsync(setup, records: 1);
        var fabrikam = await CopyAsync(setup, records: 1);
        await PublishAsync(setup, Version2);
        Assert.Equal(HttpStatusCode.Redirect, (await PushAsync(setup, contoso, fabrikam)).StatusCode);

        var update = await UpdateIdAsync(fabrikam);
        var declined = await fabrikam.Client.PostFormAsync($"/solutions/updates/{update}", new Dictionary<string, string>(), $"/solutions/updates/{update}?handler=Decline");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var copy = await World.InTenantAsync(fabrikam.Org, db => db.Set<Solution>().AsNoTracking().SingleAsync());
        Assert.Equal((1, 1), (copy.CurrentVersion, copy.SourceVersion));
        Assert.Equal(HttpStatusCode.NotFound, (await fabrikam.Client.GetAsync($"/solutions/updates/{update}")).StatusCode);

        var rows = await CopyRowsAsync(setup);
        Assert.Equal((1, UpdateState.Declined), (rows.Single(r => r.RecipientOrganizationId == fabrikam.Org.Id).RunningVersion, rows.Single(r => r.RecipientOrganizationId == fabrikam.Org.Id).UpdateState));
        Assert.Equal(UpdateState.Pending, rows.Single(r => r.RecipientOrganizationId == contoso.Org.Id).UpdateState);
        var table = await CopiesTextAsync(setup);
        Assert.Contains("v2 declined", table);
        Assert.Contains("v2 pending", table);
    }

    [Fact]
    public async Task ShowAConflictWithTheCopysOwnChangeAndApplyOnlyTheAdminsChoice()
    {
        var setup = await RecipeAsync();
        var contoso = await CopyAsync(setup, records: 1);
        // The copy's builder gave Status its own options and published them.
        await World.InTenantAsync(contoso.Org, async db =>
        {
            var copy = await db.Set<Solution>().SingleAsync();
            var own = PackageReader.ReadStoredDefinition(copy.DraftJson);
            own.Table("patients")!.Field("status")!.Options = ["Booked", "Done", "No-show"];
            copy.DraftJson = PackageWriter.WriteDefinition(own);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Redirect, (await contoso.Client.PostFormAsync($"/solutions/{contoso.Solution}/manage", new Dictionary<string, string>(), $"/solutions/{contoso.Solution}/manage?handler=Publish")).StatusCode);
        await PublishAsync(setup, Version2);
        await PushAsync(setup, contoso);
        var update = await UpdateIdAsync(contoso);

        var (_, preview) = await contoso.Client.GetPageAsync($"/solutions/updates/{update}");
        Assert.Contains("You changed this field too", preview.QuerySelector("fieldset.conflict")!.TextContent);

        // Unanswered: refused on the same page, nothing changed.
        var unanswered = await contoso.Client.PostFormAsync($"/solutions/updates/{update}", new Dictionary<string, string>(), $"/solutions/updates/{update}?handler=Apply");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unanswered.StatusCode);
        Assert.Contains("Choose what to keep for the field Status of Patients", (await PortalClient.ParseAsync(unanswered)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(2, await World.InTenantAsync(contoso.Org, db => db.Set<Solution>().Select(s => s.CurrentVersion!.Value).SingleAsync()));

        var applied = await contoso.Client.PostFormAsync($"/solutions/updates/{update}", new Dictionary<string, string> { ["c.field:patients:status"] = "yours" }, $"/solutions/updates/{update}?handler=Apply");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var definition = await World.InTenantAsync(contoso.Org, async db => PackageReader.ReadStoredDefinition(await db.Set<SolutionVersion>().Where(v => v.Number == 3).Select(v => v.DefinitionJson).SingleAsync()));
        Assert.Equal(["Booked", "Done", "No-show"], definition.Table("patients")!.Field("status")!.Options!);
        Assert.NotNull(definition.Table("patients")!.Field("phone"));
    }

    [Fact]
    public async Task LetTheSenderFollowEachCopyFromWaitingToImportedOrDeclinedAndTellTheRecipientsAdmins()
    {
        var setup = await RecipeAsync();
        var client = await World.CreateOrganizationAsync(reseller: setup.Partner);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(client, owner, OrganizationRole.Owner);
        await setup.Sender.PostFormAsync($"/solutions/{setup.Recipe}/manage", new Dictionary<string, string> { ["organizationId"] = client.Id.ToString() }, $"/solutions/{setup.Recipe}/manage?handler=Send");
        var mail = await Factory.Smtp.WaitForMessageAsync(owner.Email!, m => m.Subject?.Contains("sent you", StringComparison.Ordinal) == true);
        Assert.Equal($"{setup.Partner.Name} sent you Clinic", mail.Subject);
        Assert.Equal(client.Name, mail.From.Mailboxes.Single().Name);

        async Task<string> StatusAsync() => (await setup.Sender.GetPageAsync($"/solutions/{setup.Recipe}/manage")).Document.QuerySelectorAll("#copies-out ~ form tbody tr td")[3].TextContent;
        Assert.Equal("Waiting", await StatusAsync());
        var share = await World.InTenantAsync(client, db => db.Set<SolutionShare>().Select(s => s.Id).SingleAsync());
        using var browser = await SolutionWorld.SignedInAsync(Factory, client, owner);
        await browser.GetAsync($"/solutions/shares?preview={share}");
        Assert.Equal("Previewed", await StatusAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/solutions/shares", new Dictionary<string, string> { ["shareId"] = share.ToString() }, "/solutions/shares?handler=Decline")).StatusCode);
        Assert.Equal("Declined", await StatusAsync());
    }

    [Fact]
    public async Task RefuseUpdatesPushedOrAnsweredWithAnotherOrganizationsIds()
    {
        var setup = await RecipeAsync();
        var contoso = await CopyAsync(setup, records: 1);
        await PublishAsync(setup, Version2);
        await PushAsync(setup, contoso);
        var update = await UpdateIdAsync(contoso);
        var row = (await CopyRowsAsync(setup)).Single();

        // Another partner, with its own recipe, names the first partner's copy row: nothing is pushed.
        var other = await RecipeAsync();
        await PublishAsync(other, Version2);
        var forged = await other.Sender.PostFormAsync($"/solutions/{other.Recipe}/manage", new Dictionary<string, string> { ["copyIds[0]"] = row.Id.ToString() }, $"/solutions/{other.Recipe}/manage?handler=Push");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Equal(1, await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().CountAsync()));

        // Another organization's admin cannot open, apply or decline the update.
        var (stranger, strangerOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var elsewhere = await SolutionWorld.SignedInAsync(Factory, stranger, strangerOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/solutions/updates/{update}")).StatusCode);
        foreach (var handler in new[] { "Apply", "Decline" })
        {
            var response = await elsewhere.PostFormAsync("/solutions/updates", new Dictionary<string, string> { ["c.field:patients:status"] = "theirs" }, $"/solutions/updates/{update}?handler={handler}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // A member of the copy's organization who is not an admin is refused too.
        var member = await SolutionWorld.WorkspaceMemberAsync(World, contoso.Org, WorkspaceRole.Admin);
        using var workspaceAdmin = await SolutionWorld.SignedInAsync(Factory, contoso.Org, member);
        Assert.Equal(HttpStatusCode.Forbidden, (await workspaceAdmin.GetAsync($"/solutions/updates/{update}")).StatusCode);

        var still = await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().AsNoTracking().SingleAsync());
        Assert.Null(still.AppliedAt);
        Assert.Null(still.DeclinedAt);
        Assert.Equal(UpdateState.Pending, (await CopyRowsAsync(setup)).Single().UpdateState);
    }

    [Fact]
    public async Task LinkADeployedCopyToItsRecipeSoAPushedUpdateReachesItsAdminAndTheOwnerSeesTheOutcome()
    {
        var setup = await RecipeAsync(protect: true);
        var deployed = await DeployedCopyAsync(setup);
        await AssertLinkedAsync(setup, deployed, setup.Partner.Name);
        // A workspace where the owner holds no seat, and a stranger naming the recipe, deploy and link nothing.
        var (stranger, strangerOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var strangersWorkspace = await World.InTenantAsync(stranger, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        var forged = await setup.Sender.PostFormAsync($"/solutions/{setup.Recipe}/deploy", new Dictionary<string, string> { ["to"] = strangersWorkspace.ToString() }, $"/solutions/{setup.Recipe}/deploy");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        using (var elsewhere = await SolutionWorld.SignedInAsync(Factory, stranger, strangerOwner))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/solutions/{setup.Recipe}/deploy")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostFormAsync("/solutions", new Dictionary<string, string> { ["to"] = strangersWorkspace.ToString() }, $"/solutions/{setup.Recipe}/deploy")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostFormAsync("/solutions", new Dictionary<string, string> { ["copyIds[0]"] = Guid.NewGuid().ToString() }, $"/solutions/{setup.Recipe}/manage?handler=Push")).StatusCode);
        }

        Assert.Equal(0, await World.InTenantAsync(stranger, db => db.Set<Solution>().CountAsync()));
        Assert.Single(await CopyRowsAsync(setup));
        Assert.Contains($"{deployed.Org.Name} · ", await CopiesTextAsync(setup));
        Assert.Equal(HttpStatusCode.Redirect, (await deployed.Client.PostFormAsync($"/solutions/{deployed.Solution}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Walk-in", ["f.visits"] = "4" })).StatusCode);

        await PublishAsync(setup, Version2);
        Assert.Equal(HttpStatusCode.Redirect, (await PushAsync(setup, deployed)).StatusCode);
        var mail = await Factory.Smtp.WaitForMessageAsync(deployed.Owner.Email!, m => m.Subject?.Contains("sent version 2", StringComparison.Ordinal) == true);
        Assert.Equal(deployed.Org.Name, mail.From.Mailboxes.Single().Name);
        var update = await UpdateIdAsync(deployed);
        Assert.Equal(HttpStatusCode.Redirect, (await deployed.Client.PostFormAsync($"/solutions/updates/{update}", new Dictionary<string, string>(), $"/solutions/updates/{update}?handler=Apply")).StatusCode);

        var copy = await World.InTenantAsync(deployed.Org, db => db.Set<Solution>().AsNoTracking().SingleAsync());
        Assert.Equal((2, 2, setup.Partner.Name), (copy.CurrentVersion!.Value, copy.SourceVersion!.Value, copy.ProtectedBy));
        var record = JsonNode.Parse(await World.InTenantAsync(deployed.Org, db => db.Set<SolutionRecord>().Select(r => r.ValuesJson).SingleAsync()))!.AsObject();
        Assert.Equal(("Walk-in", "4"), (record["name"]!.GetValue<string>(), record["_kept"]!["Visits"]!.GetValue<string>()));
        var row = (await CopyRowsAsync(setup)).Single();
        Assert.Equal(((int?)2, (UpdateState?)UpdateState.Applied), (row.RunningVersion, row.UpdateState));
        Assert.Contains("v2 applied", await CopiesTextAsync(setup));
    }

    [Fact]
    public async Task LinkASolutionCenterInstallInAnotherOrganizationToItsRecipeSoItsAdminCanDeclineAnUpdate()
    {
        var setup = await RecipeAsync(protect: true);
        var installed = await InstalledCopyAsync(setup);
        await AssertLinkedAsync(setup, installed, setup.Partner.Name);
        // Another organization naming the installed organization's workspace installs and links nothing.
        var (stranger, strangerOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var listing = await World.InTenantAsync(setup.Partner, db => db.Set<SolutionListing>().Select(l => l.Id).SingleAsync());
        var theirs = await World.InTenantAsync(installed.Org, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        using (var elsewhere = await SolutionWorld.SignedInAsync(Factory, stranger, strangerOwner))
        {
            var forged = await elsewhere.PostFormAsync($"/solution-center/{listing}/install", new Dictionary<string, string> { ["workspaceId"] = theirs.ToString() });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        }

        Assert.Equal(0, await World.InTenantAsync(stranger, db => db.Set<Solution>().CountAsync()));
        Assert.Equal(1, await World.InTenantAsync(installed.Org, db => db.Set<Solution>().CountAsync()));
        Assert.Single(await CopyRowsAsync(setup));
        Assert.Null((await installed.Client.GetPageAsync($"/solutions/{installed.Solution}/manage")).Document.QuerySelector("a[href$='handler=Package']"));

        await PublishAsync(setup, Version2);
        Assert.Equal(HttpStatusCode.Redirect, (await PushAsync(setup, installed)).StatusCode);
        var update = await UpdateIdAsync(installed);
        Assert.Contains("Added field Phone", (await installed.Client.GetPageAsync($"/solutions/updates/{update}")).Document.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await installed.Client.PostFormAsync($"/solutions/updates/{update}", new Dictionary<string, string>(), $"/solutions/updates/{update}?handler=Decline")).StatusCode);

        Assert.Equal(1, await World.InTenantAsync(installed.Org, db => db.Set<Solution>().Select(s => s.CurrentVersion!.Value).SingleAsync()));
        var row = (await CopyRowsAsync(setup)).Single();
        Assert.Equal(((int?)1, (UpdateState?)UpdateState.Declined), (row.RunningVersion, row.UpdateState));
        Assert.Contains("v2 declined", await CopiesTextAsync(setup));
    }

    [Fact]
    public async Task FollowTheRecipeToItsNewOrganizationWhenItsWorkspaceMoves()
    {
        var setup = await RecipeAsync(protect: true);
        var team = await SolutionWorld.WorkspaceAsync(World, setup.Partner, "Recipe team");
        await World.InTenantAsync(setup.Partner, async db =>
        {
            (await db.Set<Solution>().SingleAsync(s => s.Id == setup.Recipe)).WorkspaceId = team;
            return await db.SaveChangesAsync();
        });
        var contoso = await CopyAsync(setup, records: 1);
        await PublishAsync(setup, Version2);
        await PushAsync(setup, contoso);
        var oldRow = (await CopyRowsAsync(setup)).Single();

        var heir = await World.CreateOrganizationAsync(kind: OrganizationKind.Partner);
        await World.AddMemberAsync(heir, setup.PartnerOwner, OrganizationRole.Admin);
        var moved = await setup.Sender.PostFormAsync($"/solutions/workspaces/{team}/move?to={heir.Id}", new Dictionary<string, string> { ["to"] = heir.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        // The copy names and links its new owner; the owner's row and the waiting update went along.
        var copy = await World.InTenantAsync(contoso.Org, db => db.Set<Solution>().AsNoTracking().SingleAsync());
        Assert.Equal((heir.Id, heir.Name, heir.Name), (copy.SourceOrganizationId!.Value, copy.SourceOrganization, copy.ProtectedBy));
        Assert.Contains($"by {heir.Name}", (await contoso.Client.GetPageAsync($"/solutions/{copy.Id}")).Document.QuerySelector(".provenance")!.TextContent);
        Assert.Empty(await CopyRowsAsync(setup));
        var heirs = new Setup(heir, setup.PartnerOwner, setup.Recipe, await SolutionWorld.SignedInAsync(Factory, heir, setup.PartnerOwner));
        Assert.Equal(oldRow.Id, (await CopyRowsAsync(heirs)).Single().Id);
        var waiting = await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().AsNoTracking().SingleAsync());
        Assert.Equal((heir.Id, heir.Name), (waiting.FromOrganizationId, waiting.FromOrganizationName));

        // Its answer reaches the new owner, and the new owner pushes the next version.
        Assert.Equal(HttpStatusCode.Redirect, (await contoso.Client.PostFormAsync($"/solutions/updates/{waiting.Id}", new Dictionary<string, string>(), $"/solutions/updates/{waiting.Id}?handler=Apply")).StatusCode);
        Assert.Equal(UpdateState.Applied, (await CopyRowsAsync(heirs)).Single().UpdateState);
        await PublishAsync(heirs, Version3);
        Assert.Equal(HttpStatusCode.Redirect, (await PushAsync(heirs, contoso)).StatusCode);
        var next = await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().Where(SolutionUpdate.Waiting).AsNoTracking().SingleAsync());
        Assert.Equal((3, heir.Name), (next.ToVersion, next.FromOrganizationName));

        // The old owner holds neither the recipe nor its copy rows any more: a push from there is not found and changes nothing.
        var forged = await setup.Sender.PostFormAsync($"/solutions/{setup.Recipe}/manage", new Dictionary<string, string> { ["copyIds[0]"] = oldRow.Id.ToString() }, $"/solutions/{setup.Recipe}/manage?handler=Push");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(2, await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().CountAsync()));
    }

    [Fact]
    public async Task KeepAReplacedUpdateAsHistoryAndAskTheAdminAboutTheNewestOnly()
    {
        var setup = await RecipeAsync();
        var contoso = await CopyAsync(setup, records: 1);
        await PublishAsync(setup, Version2);
        await PushAsync(setup, contoso);
        var older = await UpdateIdAsync(contoso);
        await PublishAsync(setup, Version3);
        Assert.Equal(HttpStatusCode.Redirect, (await PushAsync(setup, contoso)).StatusCode);

        var rows = await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().AsNoTracking().OrderBy(u => u.ToVersion).ToListAsync());
        Assert.Equal([(2, (int?)3), (3, (int?)null)], rows.Select(u => (u.ToVersion, u.ReplacedByVersion)));
        var newest = rows[1].Id;
        var listed = (await contoso.Client.GetPageAsync("/solutions/updates")).Document.QuerySelectorAll("main li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/solutions/updates/{newest}"], listed);

        // The older one, from an earlier e-mail or a stale tab, sends the admin to the newest and answers nothing.
        var stale = await contoso.Client.GetAsync($"/solutions/updates/{older}");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        var (_, redirected) = await contoso.Client.GetPageAsync(stale.Headers.Location!.OriginalString);
        Assert.Contains("That update was replaced by version 3", redirected.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Added field Notes", redirected.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await contoso.Client.PostFormAsync($"/solutions/updates/{newest}", new Dictionary<string, string>(), $"/solutions/updates/{older}?handler=Apply")).StatusCode);
        Assert.Equal(1, await World.InTenantAsync(contoso.Org, db => db.Set<Solution>().Select(s => s.CurrentVersion!.Value).SingleAsync()));
        Assert.Null(await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().Where(u => u.Id == older).Select(u => u.AppliedAt).SingleAsync()));

        // Another organization learns nothing from either id, and answers nothing.
        var (stranger, strangerOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using (var elsewhere = await SolutionWorld.SignedInAsync(Factory, stranger, strangerOwner))
        {
            foreach (var id in new[] { older, newest })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/solutions/updates/{id}")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostFormAsync("/solutions/updates", new Dictionary<string, string>(), $"/solutions/updates/{id}?handler=Apply")).StatusCode);
            }
        }

        Assert.Equal(2, await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().CountAsync(u => u.AppliedAt == null && u.DeclinedAt == null)));

        Assert.Equal(HttpStatusCode.Redirect, (await contoso.Client.PostFormAsync($"/solutions/updates/{newest}", new Dictionary<string, string>(), $"/solutions/updates/{newest}?handler=Apply")).StatusCode);
        var row = (await CopyRowsAsync(setup)).Single();
        Assert.Equal(((int?)3, (int?)3, (UpdateState?)UpdateState.Applied), (row.RunningVersion, row.PushedVersion, row.UpdateState));
        var owners = (await setup.Sender.GetPageAsync($"/solutions/{setup.Recipe}/manage")).Document.QuerySelector("#copies-out")!.ParentElement!;
        Assert.Contains("v3 applied", owners.TextContent);
        Assert.Equal(["v2 replaced by version 3"], owners.QuerySelectorAll("ul.history li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task LetAProtectedCopyBeUsedButNeverExportedSentOnOrDuplicated()
    {
        var setup = await RecipeAsync(protect: true);
        var contoso = await CopyAsync(setup, records: 1);
        var copy = await World.InTenantAsync(contoso.Org, db => db.Set<Solution>().AsNoTracking().SingleAsync());
        Assert.Equal(setup.Partner.Name, copy.ProtectedBy);

        var (_, manage) = await contoso.Client.GetPageAsync($"/solutions/{copy.Id}/manage");
        Assert.Null(manage.QuerySelector("a[href$='handler=Package']"));
        Assert.Null(manage.QuerySelector("form[action*='handler=Duplicate']"));
        Assert.Null(manage.QuerySelector("form[action*='handler=Send']"));
        Assert.Null(manage.QuerySelector("form[action*='handler=Protect']"));
        Assert.Contains("is protected by", manage.QuerySelector("main")!.TextContent);

        // Forged requests for the hidden actions are refused and change nothing.
        // Each answers 403 with the organization's branded page saying why, in plain words.
        var workspace = await World.InTenantAsync(contoso.Org, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        var why = $"This solution is protected by its publisher, {setup.Partner.Name}, so it cannot be ";
        async Task RefusedAsync(HttpResponseMessage response, string what)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var page = await PortalClient.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("header.topbar"));
            Assert.Contains(why + what, page.QuerySelector("[role=alert]")!.TextContent);
        }

        await RefusedAsync(await contoso.Client.GetAsync($"/solutions/{copy.Id}/manage?handler=Package"), "exported as a package.");
        await RefusedAsync(await contoso.Client.GetAsync($"/solutions/{copy.Id}/deploy"), "deployed to a client's workspace.");
        var posts = new (string Page, string Handler, Dictionary<string, string> Fields, string What)[]
        {
            ("manage", "Duplicate", new() { ["workspaceId"] = workspace.ToString() }, "duplicated."),
            ("manage", "Send", new() { ["organizationId"] = setup.Partner.Id.ToString() }, "sent on to another organization."),
            ("manage", "Protect", new() { ["protect"] = "false" }, $"protected or unprotected here (only {setup.Partner.Name} decides that)."),
            ("deploy", string.Empty, new() { ["to"] = workspace.ToString() }, "deployed to a client's workspace."),
        };
        foreach (var (page, handler, fields, what) in posts)
        {
            var action = handler.Length == 0 ? $"/solutions/{copy.Id}/{page}" : $"/solutions/{copy.Id}/{page}?handler={handler}";
            await RefusedAsync(await contoso.Client.PostFormAsync($"/solutions/{copy.Id}/manage", fields, action), what);
        }

        // Nothing changed anywhere.
        Assert.Equal(1, await World.InTenantAsync(contoso.Org, db => db.Set<Solution>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(contoso.Org, db => db.Set<SolutionListing>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(contoso.Org, db => db.Set<RecipeCopy>().CountAsync()));
        Assert.Equal(0, await World.InTenantAsync(setup.Partner, db => db.Set<SolutionShare>().CountAsync()));
        Assert.Single(await CopyRowsAsync(setup));
        Assert.Equal(setup.Partner.Name, await World.InTenantAsync(contoso.Org, db => db.Set<Solution>().Select(s => s.ProtectedBy).SingleAsync()));

        // Its records are still worked on, and updates still arrive.
        Assert.Equal(HttpStatusCode.Redirect, (await contoso.Client.PostFormAsync($"/solutions/{copy.Id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Walk-in" })).StatusCode);
        await PublishAsync(setup, Version2);
        Assert.Equal(HttpStatusCode.Redirect, (await PushAsync(setup, contoso)).StatusCode);
        Assert.Equal(1, await World.InTenantAsync(contoso.Org, db => db.Set<SolutionUpdate>().CountAsync()));
    }

    [Fact]
    public async Task SayWhichValuesAChangedTypeCannotConvertAndKeepThemOnTheirRecords()
    {
        var setup = await RecipeAsync();
        var contoso = await CopyAsync(setup, records: 3);
        // Version 2 makes "Visits" a choice of 1 or 2: the record with 3 visits does not fit.
        await PublishAsync(setup, SolutionWorld.Package().Replace("""{ "key": "visits", "name": "Visits", "type": "number" }""", """{ "key": "visits", "name": "Visits", "type": "choice", "options": ["1", "2"] }""", StringComparison.Ordinal));
        await PushAsync(setup, contoso);
        var update = await UpdateIdAsync(contoso);

        var text = (await contoso.Client.GetPageAsync($"/solutions/updates/{update}")).Document.QuerySelector("main")!.TextContent;
        Assert.Contains("Changed field Visits: Values change from number to choice: 2 of 3 records convert. 1 would not (\"3\"); they are kept on their records as kept values.", text);
        Assert.Equal(HttpStatusCode.Redirect, (await contoso.Client.PostFormAsync($"/solutions/updates/{update}", new Dictionary<string, string>(), $"/solutions/updates/{update}?handler=Apply")).StatusCode);

        var values = (await World.InTenantAsync(contoso.Org, db => db.Set<SolutionRecord>().AsNoTracking().OrderBy(r => r.CreatedAt).Select(r => r.ValuesJson).ToListAsync())).Select(v => JsonNode.Parse(v)!.AsObject()).ToList();
        Assert.Equal(["1", "2"], values.Take(2).Select(v => v["visits"]!.GetValue<string>()));
        Assert.False(values[2].ContainsKey("visits"));
        Assert.Equal("3", values[2]["_kept"]!["Visits"]!.GetValue<string>());
    }
}
