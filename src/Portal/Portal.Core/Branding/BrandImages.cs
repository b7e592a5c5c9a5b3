using System.Security.Cryptography;
using System.Xml;

namespace PartnerPortal.Branding;

/// <summary>What an upload turned out to be: its content type, or the message a person should read.</summary>
public sealed record SniffedImage(string? ContentType, string? Error)
{
    public bool IsValid => ContentType is not null;

    public static SniffedImage Reject(string error) => new(null, error);
}

/// <summary>
/// Recognizes uploaded images by their bytes (magic numbers, or an SVG document's root element),
/// never by file name or the browser's content type, so a renamed script is refused (A3).
/// </summary>
public static class BrandImages
{
    public const int MaxBytes = 512 * 1024;

    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string WebP = "image/webp";
    public const string Svg = "image/svg+xml";
    public const string Icon = "image/x-icon";

    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>The formats each kind of image may have (T3: logo; T5: favicon).</summary>
    public static IReadOnlyList<string> Allowed(BrandAssetKind kind) => kind switch
    {
        BrandAssetKind.Logo => [Png, Jpeg, WebP, Svg],
        BrandAssetKind.Favicon => [Icon, Png, Svg],
        _ => [],
    };

    public static string Describe(BrandAssetKind kind) => kind switch
    {
        BrandAssetKind.Logo => "a PNG, JPEG, WebP or SVG",
        _ => "an ICO, PNG or SVG",
    };

    public static SniffedImage Sniff(ReadOnlySpan<byte> content, BrandAssetKind kind)
    {
        var name = kind == BrandAssetKind.Logo ? "logo" : "favicon";
        if (content.Length == 0) return SniffedImage.Reject($"The {name} file is empty. Choose {Describe(kind)} file.");
        if (content.Length > MaxBytes) return SniffedImage.Reject($"The {name} is {content.Length / 1024} KB; the limit is {MaxBytes / 1024} KB. Choose a smaller file.");

        var type = Detect(content);
        if (type is null || !Allowed(kind).Contains(type))
        {
            return SniffedImage.Reject($"The {name} must be {Describe(kind)} image; this file is {(type is null ? "not an image we recognize" : Label(type))}. The file name does not matter: its content does.");
        }

        return new SniffedImage(type, null);
    }

    /// <summary>A short content hash: the ETag and the <c>?v=</c> of an uploaded image.</summary>
    public static string Version(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content))[..20];

    private static string? Detect(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8)) return WebP;
        // ICONDIR: reserved 0, type 1 (icon), at least one image.
        if (b.Length >= 6 && b[0] == 0 && b[1] == 0 && b[2] == 1 && b[3] == 0 && (b[4] | b[5]) != 0) return Icon;
        return IsSvg(b) ? Svg : null;
    }

    /// <summary>
    /// A well-formed XML document whose root is <c>&lt;svg&gt;</c> in the SVG namespace. DTDs are
    /// refused outright (no entity expansion, no external fetches).
    /// </summary>
    private static bool IsSvg(ReadOnlySpan<byte> content)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            MaxCharactersInDocument = MaxBytes * 2L,
        };
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            if (reader.MoveToContent() != XmlNodeType.Element) return false;
            if (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace) return false;
            while (reader.Read())
            {
                // Read to the end: a document that is not well-formed is not an image.
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static string Label(string type) => type switch
    {
        Png => "a PNG",
        Jpeg => "a JPEG",
        WebP => "a WebP",
        Svg => "an SVG",
        Icon => "an ICO",
        _ => type,
    };
}
