using System.Text;
using PartnerPortal.Branding;

namespace PartnerPortal.UnitTests;

/// <summary>Uploads are recognized by their bytes, never by their file name (A3).</summary>
public sealed class BrandImagesShould
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];
    public static readonly byte[] WebP = [.. "RIFF"u8, 36, 0, 0, 0, .. "WEBPVP8 "u8];
    public static readonly byte[] Ico = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0];

    public static TheoryData<string, byte[], BrandAssetKind, string?> Uploads => new()
    {
        { "PNG logo", Png, BrandAssetKind.Logo, BrandImages.Png },
        { "JPEG logo", Jpeg, BrandAssetKind.Logo, BrandImages.Jpeg },
        { "WebP logo", WebP, BrandAssetKind.Logo, BrandImages.WebP },
        { "SVG logo", Svg("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>"""), BrandAssetKind.Logo, BrandImages.Svg },
        { "SVG with an XML declaration, a BOM and a comment", [0xEF, 0xBB, 0xBF, .. Svg("""<?xml version="1.0" encoding="UTF-8"?><!-- made by hand --><svg xmlns="http://www.w3.org/2000/svg"/>""")], BrandAssetKind.Logo, BrandImages.Svg },
        // Served with a CSP that forbids scripts and shown only through <img>: accepted (see BrandingShould).
        { "SVG with a script", Svg("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"""), BrandAssetKind.Logo, BrandImages.Svg },
        { "ICO logo: not a logo format", Ico, BrandAssetKind.Logo, null },
        { "ICO favicon", Ico, BrandAssetKind.Favicon, BrandImages.Icon },
        { "PNG favicon", Png, BrandAssetKind.Favicon, BrandImages.Png },
        { "SVG favicon", Svg("""<svg xmlns="http://www.w3.org/2000/svg"/>"""), BrandAssetKind.Favicon, BrandImages.Svg },
        { "JPEG favicon: not a favicon format", Jpeg, BrandAssetKind.Favicon, null },
        { "a script saved as logo.png", Svg("<script>alert(1)</script>"), BrandAssetKind.Logo, null },
        { "an HTML page with an inline SVG", Svg("""<html><body><svg xmlns="http://www.w3.org/2000/svg"/></body></html>"""), BrandAssetKind.Logo, null },
        { "an svg root outside the SVG namespace", Svg("<svg><rect/></svg>"), BrandAssetKind.Logo, null },
        { "SVG that is not well-formed", Svg("""<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>"""), BrandAssetKind.Logo, null },
        { "SVG with a DTD (entity expansion, external entities)", Svg("""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>"""), BrandAssetKind.Logo, null },
        { "SVG pulling in a file", Svg("""<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"""), BrandAssetKind.Logo, null },
        { "a PNG signature cut short", [0x89, 0x50, 0x4E, 0x47], BrandAssetKind.Logo, null },
        { "RIFF that is not WebP (a WAV file)", [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVEfmt "u8], BrandAssetKind.Logo, null },
        { "a zip archive", [0x50, 0x4B, 0x03, 0x04, 20, 0], BrandAssetKind.Logo, null },
        { "a PDF", Encoding.ASCII.GetBytes("%PDF-1.7\n"), BrandAssetKind.Logo, null },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public void RecognizeImagesByTheirContent(string what, byte[] content, BrandAssetKind kind, string? expected)
    {
        var sniffed = BrandImages.Sniff(content, kind);
        Assert.True(expected == sniffed.ContentType, $"{what}: got {sniffed.ContentType ?? sniffed.Error}");
        Assert.Equal(expected is null, sniffed.Error is not null);
    }

    [Fact]
    public void ExplainWhatIsAcceptedWhenAFileIsRefused()
    {
        var error = BrandImages.Sniff(Encoding.UTF8.GetBytes("just text"), BrandAssetKind.Logo).Error!;
        Assert.Contains("PNG, JPEG, WebP or SVG", error);
        Assert.Contains("not an image we recognize", error);
        Assert.Contains("ICO, PNG or SVG", BrandImages.Sniff(Jpeg, BrandAssetKind.Favicon).Error!);
        Assert.Contains("a JPEG", BrandImages.Sniff(Jpeg, BrandAssetKind.Favicon).Error!);
    }

    [Fact]
    public void RefuseEmptyAndOversizedFiles()
    {
        Assert.Contains("empty", BrandImages.Sniff([], BrandAssetKind.Logo).Error!);
        var large = new byte[BrandImages.MaxBytes + 1];
        Png.CopyTo(large, 0);
        Assert.Contains("512 KB", BrandImages.Sniff(large, BrandAssetKind.Logo).Error!);
        var atLimit = new byte[BrandImages.MaxBytes];
        Png.CopyTo(atLimit, 0);
        Assert.True(BrandImages.Sniff(atLimit, BrandAssetKind.Logo).IsValid);
    }

    [Fact]
    public void VersionFilesByTheirContent()
    {
        Assert.Equal(BrandImages.Version(Png), BrandImages.Version([.. Png]));
        Assert.NotEqual(BrandImages.Version(Png), BrandImages.Version(Jpeg));
        Assert.Matches("^[0-9a-f]{20}$", BrandImages.Version(Png));
    }

    private static byte[] Svg(string text) => Encoding.UTF8.GetBytes(text);
}
