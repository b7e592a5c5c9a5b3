using PartnerPortal.Solutions.Definition;

namespace PartnerPortal.UnitTests;

/// <summary>Issue 14, "Plain words": definitions read as English, and package errors name places, not JSON paths.</summary>
public sealed class DefinitionWordsShould
{
    [Theory]
    [InlineData("$.tables[0].fields[2].type", "Table 1, field 3, type")] // the "$.tables: …"
    [InlineData("$.rules[1].action.toField", "Rule 2, action, to field")]
    [InlineData("$.tables", "Tables")]
    [InlineData("$", "")] // the whole file
    public void NamePlacesInsteadOfJsonPaths(string path, string plain) => Assert.Equal(plain, PackageError.PlainPath(path));

    [Fact]
    public void StartAWholeFileProblemWithACapital() =>
        Assert.Equal("The file is not valid UTF-8 text", new PackageError("$", "the file is not valid UTF-8 text").Plain);

    [Fact]
    public void ReadARuleAsASentenceWithTheBuildersNames()
    {
        var definition = new SolutionDefinition
        {
            Tables =
            [
                new TableDefinition
                {
                    Key = "appointments", Name = "Appointments",
                    Fields = [new FieldDefinition { Key = "email", Name = "E-mail", Type = FieldType.Email }, new FieldDefinition { Key = "status", Name = "Status", Type = FieldType.Choice, Options = ["Booked"] }],
                },
            ],
        };
        var rule = new AutomationRule
        {
            Key = "confirm", Name = "Confirm", Table = "appointments", Trigger = RuleTrigger.CreatedOrChanged,
            When = new RuleCondition("status", "Booked"), Action = new RuleAction { Type = RuleActionType.Email, ToField = "email" },
        };

        Assert.Equal("When a record of Appointments is created or changed and Status is Booked, e-mail the address in E-mail.", DefinitionWords.Sentence(rule, definition));
    }

    [Theory]
    [InlineData(FieldType.LongText, "Long text")]
    [InlineData(FieldType.DateTime, "Date and time")]
    public void LabelFieldTypes(FieldType type, string label) => Assert.Equal(label, DefinitionWords.Label(type));

    [Theory]
    [InlineData(FilterOperator.GreaterThan, "is greater than")]
    [InlineData(FilterOperator.IsNotEmpty, "is not empty")]
    public void LabelOperators(FilterOperator op, string label) => Assert.Equal(label, DefinitionWords.Label(op));
}
