using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Demo;

/// <summary>
/// Demo solutions: Northwind's "Dental appointments" recipe in its Recipes workspace, Contoso's copy
/// "Appointments" (with provenance and records) and "Recall reminders" built by Northwind's
/// consultant (whom the consultant seats module seats in Contoso's workspace), Fabrikam's
/// "Class bookings" and Tailspin's "Orders"; in the Solution Center, Northwind's "Recall reminders"
/// recipe and Adventure Works Consulting's "Order tracking".
/// </summary>
public sealed class SolutionsDemo(PortalDbContext db, ITenantContext tenants, ITenantStore store, SolutionLibrary library, RecordStore records, Center.SolutionCenter center, TimeProvider time) : IDemoDataContributor
{
    /// <summary>The host's demo consultant, a Northwind employee (the host's demo data makes them).</summary>
    public const string ConsultantEmail = "consultant@northwind.test";

    public const string RecallReminders = """
        {
          "format": "partnerportal-solution", "formatVersion": 1, "name": "Recall reminders", "tags": ["dental"],
          "tables": [
            { "key": "recalls", "name": "Recalls", "fields": [
                { "key": "patient", "name": "Patient", "type": "text", "required": true },
                { "key": "email", "name": "E-mail", "type": "email", "required": true },
                { "key": "due", "name": "Due", "type": "date", "required": true },
                { "key": "status", "name": "Status", "type": "choice", "options": ["Due", "Reminded", "Booked"], "required": true } ],
              "views": [ { "key": "due", "name": "Due soon", "columns": ["due", "patient", "status"], "sort": { "field": "due" },
                           "filters": [ { "field": "status", "op": "equals", "value": "Due" } ] } ] }
          ],
          "rules": [ { "key": "remind", "name": "Recall reminder", "table": "recalls", "trigger": "createdOrChanged",
                       "when": { "field": "status", "equals": "Reminded" },
                       "action": { "type": "email", "toField": "email", "subject": "Time for your check-up",
                                   "body": "Dear {{ patient }},\n\nyour next check-up is due on {{ due }}. Reply to book it.\n\nContoso Dental" } } ]
        }
        """;

    public const string DentalRecipe = """
        {
          "format": "partnerportal-solution", "formatVersion": 1, "name": "Dental appointments", "tags": ["dental"],
          "tables": [
            { "key": "patients", "name": "Patients", "fields": [
                { "key": "name", "name": "Name", "type": "text", "required": true },
                { "key": "email", "name": "E-mail", "type": "email" },
                { "key": "phone", "name": "Phone", "type": "phone" },
                { "key": "born", "name": "Date of birth", "type": "date" } ],
              "views": [ { "key": "by_name", "name": "By name", "columns": ["name", "email", "phone"], "sort": { "field": "name" } } ] },
            { "key": "appointments", "name": "Appointments", "fields": [
                { "key": "patient", "name": "Patient", "type": "text", "required": true },
                { "key": "email", "name": "E-mail", "type": "email", "required": true },
                { "key": "at", "name": "When", "type": "dateTime", "required": true },
                { "key": "treatment", "name": "Treatment", "type": "choice", "options": ["Check-up", "Cleaning", "Filling", "Crown"] },
                { "key": "fee", "name": "Fee", "type": "money", "currency": "EUR" },
                { "key": "status", "name": "Status", "type": "choice", "options": ["Booked", "Done", "Cancelled"], "required": true },
                { "key": "paid", "name": "Paid", "type": "checkbox" },
                { "key": "notes", "name": "Notes", "type": "longText" } ],
              "views": [ { "key": "upcoming", "name": "Upcoming", "columns": ["at", "patient", "treatment", "status"], "sort": { "field": "at" },
                           "filters": [ { "field": "status", "op": "equals", "value": "Booked" } ] } ] }
          ],
          "rules": [ { "key": "confirm", "name": "Booking confirmation", "table": "appointments", "trigger": "createdOrChanged",
                       "when": { "field": "status", "equals": "Booked" },
                       "action": { "type": "email", "toField": "email", "subject": "Your appointment on {{ at }}",
                                   "body": "Dear {{ patient }},\n\nyour {{ treatment }} appointment is booked for {{ at }}.\n\nSee you soon!" } } ]
        }
        """;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var recipe = PackageReader.Read(DentalRecipe).Package!;
        Solution? dental = null;
        await InAsync("northwind", async () =>
        {
            var workspace = new Workspace { Name = "Recipes", CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Workspaces.Add(workspace);
            db.Add(new RecipeLibrary { WorkspaceId = workspace.Id });
            await db.SaveChangesAsync(cancellationToken);
            dental = await library.ImportAsync(workspace.Id, recipe, cancellationToken);
            // Northwind's own recall recipe, signed by no client, listed in the Solution Center.
            var recall = PackageReader.Read(RecallReminders.Replace("Contoso Dental", "Your practice", StringComparison.Ordinal)).Package!;
            var listed = await library.ImportAsync(workspace.Id, recall, cancellationToken);
            await ListAsync(listed.Id, "Recall reminders", "Keeps every patient's next check-up in view and e-mails a friendly reminder when it is due, so fewer recalls slip.", "Dental and medical practices", cancellationToken);
        });

        await InAsync("adventure-works", async () =>
        {
            var workspace = new Workspace { Name = "Recipes", CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Workspaces.Add(workspace);
            db.Add(new RecipeLibrary { WorkspaceId = workspace.Id });
            await db.SaveChangesAsync(cancellationToken);
            var tracking = await library.ImportAsync(workspace.Id, Simple("Order tracking", "orders", "Orders",
                """{ "key": "order", "name": "Order number", "type": "text", "required": true }, { "key": "customer", "name": "Customer", "type": "text", "required": true }, { "key": "total", "name": "Total", "type": "money", "currency": "USD" }, { "key": "status", "name": "Status", "type": "choice", "options": ["New", "Picked", "Shipped", "Delivered"] }, { "key": "shipped", "name": "Shipped on", "type": "date" }"""), cancellationToken);
            await ListAsync(tracking.Id, "Order tracking", "Follows every order from the first call to delivery: who ordered what, for how much, and where it is now.", "Retail and e-commerce", cancellationToken);
        });

        await InAsync("contoso", async () =>
        {
            var copy = PackageReader.Read(DentalRecipe).Package!;
            copy.Name = "Appointments";
            copy.Source = new PackageSource("Northwind Partners", "Dental appointments", 1);
            var solution = await library.ImportAsync(await GeneralAsync(cancellationToken), copy, cancellationToken);
            // A real copy of Northwind's recipe (S7): Northwind follows it and can push its next version.
            if (dental is not null)
            {
                solution.SourceOrganizationId = dental.TenantId;
                solution.SourceSolutionId = dental.Id;
                solution.SourceDefinitionJson = solution.DraftJson;
                await db.SaveChangesAsync(cancellationToken);
                var contoso = tenants.Current!;
                await InAsync("northwind", async () =>
                {
                    var at = time.GetUtcNow().UtcDateTime;
                    db.Add(new RecipeCopy { RecipeSolutionId = dental.Id, RecipientOrganizationId = contoso.Id, RecipientName = contoso.Name, SentAt = at, PreviewedAt = at, ImportedAt = at, CopySolutionId = solution.Id, CopyName = solution.Name, RunningVersion = 1 });
                    await db.SaveChangesAsync(cancellationToken);
                });
            }

            string[] names = ["Ada Jansen", "Bram de Vries", "Chloé Martin", "Dirk Bakker", "Eva Visser", "Femke Smit", "Gijs Mulder", "Hanna Bos", "Iris Kok", "Jan Peters"];
            var patients = names.Select((n, i) => Values(copy.Definition.Table("patients")!, ("name", n), ("email", $"patient{i + 1}@contoso-dental.test"), ("phone", $"+31 20 555 01{i:00}"), ("born", $"19{70 + i}-0{1 + (i % 9)}-1{i % 9}"))).ToList();
            var appointments = names.Select((n, i) => Values(copy.Definition.Table("appointments")!, ("patient", n), ("email", $"patient{i + 1}@contoso-dental.test"),
                ("at", $"2026-0{1 + (i % 6)}-1{i % 9} 0{8 + (i % 2)}:30"), ("treatment", i % 2 == 0 ? "Check-up" : "Cleaning"), ("fee", $"{45 + (i * 5)}.00 EUR"), ("status", "Done"), ("paid", i % 3 == 0 ? "no" : "yes"))).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await records.AddAsync(solution, copy.Definition, copy.Definition.Table("patients")!, patients, cancellationToken);
            await records.AddAsync(solution, copy.Definition, copy.Definition.Table("appointments")!, appointments, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            var consultant = await db.Users.Where(u => u.NormalizedEmail == ConsultantEmail.ToUpperInvariant()).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (consultant is { } builtBy)
            {
                await library.ImportAsync(await GeneralAsync(cancellationToken), PackageReader.Read(RecallReminders).Package!, cancellationToken, builtBy);
            }
        });

        await InAsync("fabrikam", async () => await library.ImportAsync(await GeneralAsync(cancellationToken), Simple("Class bookings", "bookings", "Bookings",
            """{ "key": "member", "name": "Member", "type": "text", "required": true }, { "key": "class", "name": "Class", "type": "choice", "options": ["Yoga", "Spinning", "HIIT"] }, { "key": "at", "name": "When", "type": "dateTime" }"""), cancellationToken));
        await InAsync("tailspin", async () => await library.ImportAsync(await GeneralAsync(cancellationToken), Simple("Orders", "orders", "Orders",
            """{ "key": "customer", "name": "Customer", "type": "text", "required": true }, { "key": "total", "name": "Total", "type": "money", "currency": "USD" }, { "key": "shipped", "name": "Shipped", "type": "checkbox" }"""), cancellationToken));
    }

    private async Task ListAsync(Guid solutionId, string name, string description, string industry, CancellationToken cancellationToken)
    {
        var (_, error) = await center.PublishAsync(solutionId, new Center.ListingInput(name, description, industry), cancellationToken);
        if (error is not null) throw new InvalidOperationException($"Demo listing {name}: {error}");
    }

    private static SolutionPackage Simple(string name, string key, string table, string fields) =>
        PackageReader.Read($$"""{ "format": "partnerportal-solution", "formatVersion": 1, "name": "{{name}}", "tables": [ { "key": "{{key}}", "name": "{{table}}", "fields": [ {{fields}} ] } ] }""").Package
        ?? throw new InvalidOperationException($"Demo package {name} is not valid.");

    private static JsonObject Values(TableDefinition table, params (string Key, string Input)[] inputs)
    {
        var values = new JsonObject();
        foreach (var (key, input) in inputs)
        {
            if (!FieldValues.TryParse(table.Field(key)!, input, out var value, out var problem)) throw new InvalidOperationException(problem);
            values[key] = value;
        }

        return values;
    }

    private async Task<Guid> GeneralAsync(CancellationToken cancellationToken) =>
        await db.Workspaces.Where(w => w.Name == "General").Select(w => w.Id).FirstAsync(cancellationToken);

    private async Task InAsync(string slug, Func<Task> work)
    {
        var id = await db.Organizations.Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
        if (id is null || await store.FindByIdAsync(id.Value) is not { } tenant) return;
        using (tenants.Change(tenant))
        {
            await work();
        }
    }
}
