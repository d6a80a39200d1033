namespace ChatOpsIncidents.Core.Documents;

/// <summary>
/// A named text (an XML element, a JSON file…) kept in the database for the bot's own use, in a collection that one reader
/// owns: for example the web sign-in's key ring, which every replica must share.
/// </summary>
public sealed class StoredDocument
{
    public const int MaxCollectionLength = 64;
    public const int MaxNameLength = 256;

    private StoredDocument()
    {
    }

    public StoredDocument(string collection, string name, string text)
    {
        Collection = collection;
        Name = name;
        Text = text;
    }

    public long Id { get; private set; }

    public string Collection { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Text { get; private set; } = "";
}
