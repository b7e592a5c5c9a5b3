using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Recipes;

namespace PartnerPortal.UnitTests;

/// <summary>S7: a recipe's new version merges into a copy three ways: the recipe's changes are taken, the copy's own kept, both at once asked.</summary>
public sealed class RecipeMergeShould
{
    private static SolutionDefinition Definition(params (string Key, FieldType Type, string[]? Options)[] fields) => new()
    {
        Tables = [new TableDefinition { Key = "patients", Name = "Patients", Fields = fields.Select(f => new FieldDefinition { Key = f.Key, Name = char.ToUpperInvariant(f.Key[0]) + f.Key[1..], Type = f.Type, Options = f.Options?.ToList() }).ToList() }],
    };

    private static readonly SolutionDefinition Base = Definition(("name", FieldType.Text, null), ("visits", FieldType.Number, null), ("status", FieldType.Choice, ["Booked", "Done"]));

    [Fact]
    public void TakeTheRecipesAdditionsAndRemovalsAndKeepTheCopysOwnFields()
    {
        var theirs = Definition(("name", FieldType.Text, null), ("status", FieldType.Choice, ["Booked", "Done"]), ("phone", FieldType.Phone, null));
        var yours = Definition(("name", FieldType.Text, null), ("visits", FieldType.Number, null), ("status", FieldType.Choice, ["Booked", "Done"]), ("insurer", FieldType.Text, null));

        var plan = RecipeMerge.Plan(Base, theirs, yours);
        Assert.Equal(["Added field phone", "Removed field visits"], plan.Select(i => $"{i.Kind} {i.What} {i.Name.ToLowerInvariant()}").Order());
        Assert.DoesNotContain(plan, i => i.Conflict);
        var merged = RecipeMerge.Apply(Base, theirs, yours, new HashSet<string>());
        Assert.Equal(["name", "status", "insurer", "phone"], merged.Table("patients")!.Fields.Select(f => f.Key));
    }

    [Theory]
    [InlineData(false, "No-show", "the copy's own change is never overwritten unless chosen")]
    [InlineData(true, "Cancelled", "the admin chose the update's version")]
    public void AskWhenBothChangedTheSameFieldAndApplyTheChoice(bool takeTheirs, string expected, string reason)
    {
        var theirs = Definition(("name", FieldType.Text, null), ("visits", FieldType.Number, null), ("status", FieldType.Choice, ["Booked", "Done", "Cancelled"]));
        var yours = Definition(("name", FieldType.Text, null), ("visits", FieldType.Number, null), ("status", FieldType.Choice, ["Booked", "Done", "No-show"]));

        var conflict = Assert.Single(RecipeMerge.Plan(Base, theirs, yours));
        Assert.True(conflict.Conflict, reason);
        Assert.Equal("field:patients:status", conflict.Key);
        var merged = RecipeMerge.Apply(Base, theirs, yours, takeTheirs ? new HashSet<string> { conflict.Key } : []);
        Assert.Equal(expected, merged.Table("patients")!.Field("status")!.Options![2]);
    }

    [Fact]
    public void ChangeNothingWhenTheCopyHasTheUpdateAlready()
    {
        var theirs = Definition(("name", FieldType.Text, null));
        Assert.Empty(RecipeMerge.Plan(Base, theirs, theirs));
        Assert.Empty(RecipeMerge.Plan(Base, Base, Base));
    }
}
