using PartnerPortal.Accounts;
using PartnerPortal.Branding;

namespace PartnerPortal.UnitTests;

/// <summary>T3–T7: the one resolved branding that pages, favicons and e-mails read.</summary>
public sealed class BrandShould
{
    private static Organization Client(Action<Accounts.Branding>? configure = null)
    {
        var org = new Organization { Name = "Fabrikam Fitness", Slug = "fabrikam" };
        configure?.Invoke(org.Branding);
        return org;
    }

    private static Accounts.Branding Reseller() => new()
    {
        ClientTheme = "bold",
        SupportEmail = "help@northwind.test",
        SupportPhone = "+31 20 123 4567",
        PrimaryColor = "#7C3AED",
    };

    [Fact]
    public void CompleteAClientsOwnSettingsWithItsResellersClientThemeAndSupportContact()
    {
        var brand = Brand.Resolve(Client(), Reseller());
        Assert.Equal("Fabrikam Fitness", brand.ProductName);
        Assert.Equal("bold", brand.Theme);
        Assert.Equal("help@northwind.test", brand.SupportEmail);
        Assert.Equal("+31 20 123 4567", brand.SupportPhone);
        // The reseller's colours are its own, not its clients' defaults.
        Assert.Equal(BrandColors.DefaultPrimary, brand.PrimaryColor);
    }

    [Fact]
    public void KeepAClientsOwnThemeAndItsWholeSupportContactOverTheResellers()
    {
        var brand = Brand.Resolve(Client(b => { b.Theme = "ledger"; b.SupportUrl = "https://help.fabrikam.test"; }), Reseller());
        Assert.Equal("ledger", brand.Theme);
        Assert.Equal("https://help.fabrikam.test", brand.SupportUrl);
        // The contact is one unit: none of the reseller's parts is mixed in.
        Assert.Null(brand.SupportEmail);
        Assert.Null(brand.SupportPhone);
    }

    [Theory]
    [InlineData("red", "#0F766E", "a colour name")]
    [InlineData("#12345", "#0F766E", "too short")]
    [InlineData("#123456;}body{display:none", "#0F766E", "CSS injection stored before validation existed")]
    public void ShowTheDefaultColourInPlaceOfAStoredOneThatIsNotHex(string stored, string accent, string reason)
    {
        var brand = Brand.Resolve(Client(b => { b.PrimaryColor = stored; b.AccentColor = accent; }), reseller: null);
        Assert.True(brand.PrimaryColor == BrandColors.DefaultPrimary, reason);
        Assert.Equal(accent, brand.AccentColor);
    }

    [Fact]
    public void RefuseAColourThatIsNotHex()
    {
        Assert.Throws<ArgumentException>(() => new Brand { ProductName = "X", PrimaryColor = "red" });
        Assert.Throws<ArgumentException>(() => new Brand { ProductName = "X", AccentColor = "#0F766E;" });
    }

    [Fact]
    public void GiveThePlatformItsNameWithTheDefaultColoursAndTheme()
    {
        var brand = Brand.ForPlatform("Cloudbase");
        Assert.Equal("Cloudbase", brand.ProductName);
        Assert.Equal("Cloudbase", brand.SenderName);
        Assert.Equal((BrandColors.DefaultPrimary, BrandColors.DefaultAccent, "default"), (brand.PrimaryColor, brand.AccentColor, brand.Theme));
        Assert.False(brand.HasSupportContact);
        Assert.Null(brand.LogoPath);
        Assert.Equal(Brand.RenderedFaviconAddress, brand.FaviconPath);
    }

    [Fact]
    public void GiveTemplatesFlatValuesWithEmptyTextForWhatIsMissing()
    {
        var values = Brand.Resolve(Client(b => { b.PrimaryColor = "#0E7C86"; b.FooterText = "Harbour Street 12"; }), reseller: null).TemplateValues();
        Assert.Equal("Fabrikam Fitness", values["org_name"]);
        Assert.Equal("#0E7C86", values["brand_color"]);
        Assert.Equal(BrandColors.DefaultAccent, values["accent_color"]);
        Assert.Equal("Harbour Street 12", values["footer_text"]);
        Assert.All(new[] { "support_email", "support_url", "support_phone" }, key => Assert.Equal(string.Empty, values[key]));
    }

    [Fact]
    public void LinkUploadsByTheirVersionAndNameTheSender()
    {
        var brand = Brand.Resolve(Client(b => { b.LogoVersion = "abc"; b.FaviconVersion = "def"; b.MailFromName = "Fabrikam front desk"; }), reseller: null);
        Assert.Equal("/branding/logo?v=abc", brand.LogoPath);
        Assert.Equal("/branding/favicon?v=def", brand.FaviconPath);
        Assert.Equal("Fabrikam front desk", brand.SenderName);
    }
}
