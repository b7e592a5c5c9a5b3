using System.Text;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>Small files for upload tests: real images, and things that only pretend to be.</summary>
public static class TestImages
{
    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>An ICO header naming one 16×16 image.</summary>
    public static readonly byte[] Ico = [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0];

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];

    public static byte[] Svg(string fill = "#0E7C86") => Encoding.UTF8.GetBytes($"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="{fill}"/></svg>""");

    /// <summary>An SVG that would run script if a browser ever rendered it as a document.</summary>
    public static readonly byte[] HostileSvg = Encoding.UTF8.GetBytes(
        """<svg xmlns="http://www.w3.org/2000/svg" onload="alert('onload')" viewBox="0 0 10 10"><script>alert('script');document.title='pwned'</script><rect width="10" height="10" fill="red" onmouseover="alert('hover')"/><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert('iframe')"></iframe></foreignObject></svg>""");

    public static readonly byte[] TextPretendingToBePng = Encoding.UTF8.GetBytes("<script>alert(1)</script> not an image");

    /// <summary>A PNG signature followed by padding: a real PNG's start, over the 512 KB limit.</summary>
    public static byte[] OversizedPng() => [.. Png, .. new byte[600 * 1024]];
}
