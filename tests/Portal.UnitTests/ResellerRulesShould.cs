using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Files;

namespace PartnerPortal.UnitTests;

/// <summary>R10, R3: export cells never run as formulas; partner codes read the same however they are typed.</summary>
public sealed class ResellerRulesShould
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)", "a formula")]
    [InlineData("+1 555 0142", "'+1 555 0142", "plus starts a formula too")]
    [InlineData("-2+3", "'-2+3", "minus starts a formula too")]
    [InlineData("@SUM(A1)", "'@SUM(A1)", "at sign: Lotus-style function")]
    [InlineData("\tTab", "'\tTab", "a leading tab")]
    [InlineData("\rReturn", "'\rReturn", "a leading carriage return")]
    [InlineData("Acme = good", "Acme = good", "an equals sign later is harmless")]
    [InlineData("", "", "empty stays empty")]
    [InlineData(null, "", "null becomes empty")]
    public async Task NeutralizeCellsThatASpreadsheetWouldRun(string? value, string expected, string reason)
    {
        // Written as the exports write it (CsvHelper), read back as an import reads it.
        using var file = new MemoryStream();
        await using (var writer = TableFileWriter.Create(file, TableFileFormat.Csv, "Clients")) await writer.WriteRowAsync(["Name", value ?? string.Empty], CancellationToken.None);
        var row = Assert.Single(TableFileReader.Rows(file.ToArray(), 10));
        Assert.True(row[1] == expected, reason);
    }

    [Theory]
    [InlineData("ab12-cd34", "AB12CD34")]
    [InlineData(" AB12 CD34 ", "AB12CD34")]
    [InlineData("abc", null)]
    [InlineData("", null)]
    [InlineData("ABCDEFGHJKLMNPQRS", null)]
    public void NormalizePartnerCodes(string typed, string? expected)
    {
        Assert.Equal(expected, ResellerProgram.Normalize(typed));
    }
}
