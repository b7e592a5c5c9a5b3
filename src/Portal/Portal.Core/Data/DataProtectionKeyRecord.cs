namespace PartnerPortal.Data;

/// <summary>A Data Protection key ring entry, shared by every instance so each reads every cookie (A4).</summary>
public class DataProtectionKeyRecord : IGlobalEntity
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
