using System.Text;
using System.Text.Json;
using Json.Schema;
using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.UnitTests;

/// <summary>S1, S5: one validation for every save and import, with errors that name the JSON path.</summary>
public sealed class SolutionPackageShould
{
    private const string Valid = """
        {
          "format": "partnerportal-solution", "formatVersion": 1, "name": "Dental", "tags": ["dental"],
          "tables": [
            { "key": "patients", "name": "Patients", "fields": [
                { "key": "name", "name": "Name", "type": "text", "required": true },
                { "key": "email", "name": "E-mail", "type": "email" } ] },
            { "key": "appointments", "name": "Appointments", "fields": [
                { "key": "patient", "name": "Patient", "type": "link", "table": "patients" },
                { "key": "email", "name": "E-mail", "type": "email" },
                { "key": "at", "name": "At", "type": "dateTime" },
                { "key": "fee", "name": "Fee", "type": "money", "currency": "EUR" },
                { "key": "status", "name": "Status", "type": "choice", "options": ["Booked", "Done"] } ],
              "views": [ { "key": "booked", "name": "Booked", "columns": ["at", "status"], "sort": { "field": "at" },
                           "filters": [ { "field": "status", "op": "equals", "value": "Booked" } ] } ] }
          ],
          "rules": [ { "key": "confirm", "name": "Confirm", "table": "appointments", "trigger": "created",
                       "when": { "field": "status", "equals": "Booked" },
                       "action": { "type": "email", "toField": "email", "subject": "Booked {{ at }}", "body": "See you at {{ at }}." } } ]
        }
        """;

    [Fact]
    public void AcceptAValidPackageAndWriteItBackTheSame()
    {
        var result = PackageReader.Read(Valid);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var again = PackageReader.Read(PackageWriter.Write(result.Package!));
        Assert.True(again.IsValid, string.Join("\n", again.Errors));
        Assert.Equal(PackageWriter.Write(result.Package!), PackageWriter.Write(again.Package!));
        Assert.Equal(FieldType.Money, again.Package!.Definition.Tables[1].Field("fee")!.Type);
    }

    public static TheoryData<string, string, string> BadPackages => new()
    {
        // reason, change (a JSON text or a replacement of the valid one), expected error
        { "unknown field type", Replace("\"type\": \"email\" } ] },", "\"type\": \"colour\" } ] },"), "$.tables[0].fields[1].type: 'colour' is not a field type" },
        { "not JSON", "{ \"format\": ", "$: not valid JSON" },
        { "a list at the root", "[1, 2]", "$: must be an object, not a list" },
        { "wrong format", Replace("partnerportal-solution", "something-else"), "$.format: 'something-else'" },
        { "missing tables", """{ "format": "partnerportal-solution", "formatVersion": 1, "name": "x" }""", "$.tables: is missing" },
        { "no tables", """{ "format": "partnerportal-solution", "formatVersion": 1, "name": "x", "tables": [] }""", "$.tables: a solution needs at least one table" },
        { "name is a number", Replace("\"name\": \"Dental\"", "\"name\": 42"), "$.name: must be text, not the number 42" },
        { "huge name", Replace("\"name\": \"Dental\"", $"\"name\": \"{new string('x', 5000)}\""), "$.name: is 5,000 characters long; the limit is 100" },
        { "bad key", Replace("\"key\": \"patients\"", "\"key\": \"Patients!\""), "$.tables[0].key: 'Patients!' must start with a lower-case letter" },
        { "duplicate key", Replace("\"key\": \"appointments\"", "\"key\": \"patients\""), "$.tables[1].key: the table key 'patients' is used twice" },
        { "unknown property", Replace("\"tags\": [\"dental\"]", "\"tags\": [\"dental\"], \"colour\": \"red\""), "$.colour: is not a known property" },
        { "link to a missing table", Replace("\"table\": \"patients\"", "\"table\": \"doctors\""), "$.tables[1].fields[0].table: there is no table 'doctors'" },
        { "choice without options", Replace("\"options\": [\"Booked\", \"Done\"]", "\"options\": []"), "$.tables[1].fields[4].options: a choice field needs at least one option" },
        { "bad currency", Replace("\"currency\": \"EUR\"", "\"currency\": \"euro\""), "$.tables[1].fields[3].currency: is 4 characters long" },
        { "view column missing", Replace("\"columns\": [\"at\", \"status\"]", "\"columns\": [\"at\", \"nope\"]"), "$.tables[1].views[0].columns[1]: table 'appointments' has no field 'nope'" },
        { "bad filter operator", Replace("\"op\": \"equals\"", "\"op\": \"like\""), "$.tables[1].views[0].filters[0].op: 'like' is not a filter operator" },
        { "rule on a missing table", Replace("\"table\": \"appointments\", \"trigger\"", "\"table\": \"visits\", \"trigger\""), "$.rules[0].table: there is no table 'visits'" },
        { "rule mailing a non-e-mail field", Replace("\"toField\": \"email\"", "\"toField\": \"status\""), "$.rules[0].action.toField: table 'appointments' has no e-mail field 'status'" },
        { "broken template", Replace("Booked {{ at }}", "Booked {{ at + }}"), "$.rules[0].action.subject: template error" },
        { "bad trigger", Replace("\"trigger\": \"created\"", "\"trigger\": \"deleted\""), "$.rules[0].trigger: 'deleted' is not a trigger" },
        { "deep nesting", "{\"tables\":" + new string('[', 100) + new string(']', 100) + "}", "nested deeper than 16 levels" },
        { "too many tables", Replace("\"tables\": [", "\"tables\": [" + string.Concat(Enumerable.Repeat("{},", 60))), "$.tables: has 62 entries; the limit is 50" },
        { "control characters", Replace("\"name\": \"Dental\"", "\"name\": \"Den\\u0000tal\""), "$.name: contains control characters" },
        { "huge number as version", Replace("\"formatVersion\": 1", "\"formatVersion\": 1e400"), "$.formatVersion: must be 1" },
    };

    [Theory]
    [MemberData(nameof(BadPackages))]
    public void RefuseABadPackageNamingWhereAndWhat(string reason, string json, string expected)
    {
        var result = PackageReader.Read(json);
        Assert.False(result.IsValid, reason);
        Assert.Null(result.Package);
        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>
    /// The schema file in the repository, evaluated on its own, and the reader agree on every fuzz case:
    /// what the schema refuses the reader refuses, what the reader accepts the schema accepts, and
    /// where only the reader refuses, it is for a rule a schema cannot state.
    /// </summary>
    [Fact]
    public void AgreeWithTheSchemaFileOnEveryFuzzCase()
    {
        var file = SchemaFile();
        Assert.Equal(File.ReadAllText(file), PackageSchema.Text());
        var schema = JsonSchema.FromText(File.ReadAllText(file), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var cases = BadPackages.Select(row => ((string)row[0], Encoding.UTF8.GetBytes((string)row[1])))
            .Append(("valid", Encoding.UTF8.GetBytes(Valid)))
            .Concat(Garbage().Select((bytes, i) => ($"garbage {i}", bytes)))
            .ToList();
        var onlyTheReaderRefused = 0;
        foreach (var (reason, bytes) in cases)
        {
            var reader = PackageReader.Read(bytes);
            var schemaAccepts = SchemaAccepts(schema, bytes);
            if (schemaAccepts != true) Assert.False(reader.IsValid, $"{reason}: the schema refuses it, the reader accepted it");
            if (reader.IsValid) Assert.True(schemaAccepts, $"{reason}: the reader accepted what the schema refuses");
            if (schemaAccepts == true && !reader.IsValid)
            {
                onlyTheReaderRefused++;
                Assert.All(reader.Errors, e => Assert.True(BeyondTheSchema(e), $"{reason}: the schema should have caught '{e}'"));
            }
        }

        // The table holds both kinds, so the comparison above is not empty on either side.
        Assert.InRange(onlyTheReaderRefused, 5, cases.Count);
    }

    /// <summary>What only code can check: unique keys, references, templates, encoding, nesting and duplicate names.</summary>
    private static bool BeyondTheSchema(PackageError error) =>
        error.Path.EndsWith(".action.value", StringComparison.Ordinal)
        || new[] { "is used twice", "there is no table", "has no field", "has no e-mail field", "template error", "appears twice", "not valid UTF-8", "not valid JSON", "the limit is" }
            .Any(kind => error.Problem.Contains(kind, StringComparison.Ordinal));

    /// <summary>The schema's verdict; null when the bytes are no JSON document it could judge.</summary>
    private static bool? SchemaAccepts(JsonSchema schema, byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
            return schema.Evaluate(document.RootElement).IsValid;
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static string SchemaFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Modules", "Solutions", "Schema", "solution-package.schema.json");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("The repository's solution-package.schema.json was not found above the test's folder.");
    }

    /// <summary>The valid package with a few random bytes changed, the same 500 every run.</summary>
    private static IEnumerable<byte[]> Garbage()
    {
        var random = new Random(5);
        var valid = Encoding.UTF8.GetBytes(Valid);
        for (var i = 0; i < 500; i++)
        {
            var bytes = (byte[])valid.Clone();
            for (var j = 0; j < 1 + random.Next(5); j++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            yield return bytes;
        }
    }

    [Fact]
    public void RefuseBrokenEncodingsAndOversizedFiles()
    {
        var broken = Encoding.UTF8.GetBytes(Valid);
        broken[10] = 0xC3;
        broken[11] = 0x28;
        Assert.Equal("$: the file is not valid UTF-8 text", PackageReader.Read(broken).Errors.Single().ToString());
        Assert.Contains("the limit is", PackageReader.Read(new byte[PackageReader.MaxBytes + 1]).Errors.Single().Problem);
    }

    [Fact]
    public void SurviveRandomGarbageWithAnErrorAndNoPackage()
    {
        foreach (var bytes in Garbage())
        {
            var result = PackageReader.Read(bytes);
            Assert.True(result.IsValid || (result.Package is null && result.Errors.Count > 0));
        }
    }

    [Theory]
    [InlineData(FieldType.Number, "12.5", true, "number with decimals")]
    [InlineData(FieldType.Number, "twelve", false, "words are not numbers")]
    [InlineData(FieldType.Money, "49.90 usd", true, "amount with its currency")]
    [InlineData(FieldType.Money, "49.999", false, "money has two decimals at most")]
    [InlineData(FieldType.Date, "2026-02-30", false, "no such day")]
    [InlineData(FieldType.DateTime, "2026-03-01 09:30", true, "space between date and time")]
    [InlineData(FieldType.Email, "not-an-address", false, "no at sign")]
    [InlineData(FieldType.Url, "javascript:alert(1)", false, "only web addresses")]
    [InlineData(FieldType.Phone, "+31 20 123 4567", true, "international phone")]
    [InlineData(FieldType.Checkbox, "maybe", false, "yes or no only")]
    public void ParseFieldInputByType(FieldType type, string input, bool ok, string reason)
    {
        var field = new FieldDefinition { Key = "f", Name = "F", Type = type, Currency = type == FieldType.Money ? "EUR" : null };
        Assert.True(ok == FieldValues.TryParse(field, input, out _, out var problem), $"{reason}: {problem}");
    }

    [Fact]
    public void SortNumbersByValueNotByText()
    {
        var keys = new[] { -5m, 2m, 10m, 100.5m, 0m }.Select(FieldValues.NumberKey).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { -5m, 0m, 2m, 10m, 100.5m }.Select(FieldValues.NumberKey), keys);
    }

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Valid);
        var index = Valid.IndexOf(from, StringComparison.Ordinal);
        return string.Concat(Valid.AsSpan(0, index), to, Valid.AsSpan(index + from.Length));
    }
}
