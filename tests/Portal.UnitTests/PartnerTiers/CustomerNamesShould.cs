using PartnerPortal.PartnerTiers.Deals;

namespace PartnerPortal.UnitTests.PartnerTiers;

/// <summary>P8: two registrations name one customer when their names fold alike.</summary>
public sealed class CustomerNamesShould
{
    [Theory]
    [InlineData("Contoso", "contoso")]
    [InlineData("Contoso, Inc.", "contoso")] // legal form and punctuation
    [InlineData("  CONTOSO   GmbH ", "contoso")] // case and spacing
    [InlineData("Contoso Co. Ltd", "contoso")] // two legal forms
    [InlineData("Contoso S.A.R.L.", "contoso")] // dotted legal form
    [InlineData("Café Müller AG", "cafemuller")] // accents
    [InlineData("Alpine Ski-House", "alpineskihouse")]
    [InlineData("AG", "ag")] // a name that is only a legal form stays
    [InlineData("Inc Media Ltd", "incmedia")] // a legal form at the start is part of the name
    public void FoldNamesForComparison(string name, string folded) => Assert.Equal(folded, CustomerNames.Fold(name));

    [Fact]
    public void KeepDifferentCustomersApart() => Assert.NotEqual(CustomerNames.Fold("Contoso Retail"), CustomerNames.Fold("Contoso Dental"));
}
