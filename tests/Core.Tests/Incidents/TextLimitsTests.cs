using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class TextLimitsTests
{
    [Theory]
    [InlineData("abcdef", 6, "abcdef")]
    [InlineData("abcdefg", 6, "abcde…")]
    [InlineData("ab👩‍👩‍👧‍👦cd", 6, "ab…")] // the family emoji is one grapheme of 11 code units
    [InlineData("👍🏽x", 3, "…")]
    public void Cut_keeps_what_fits_ends_in_the_marker_and_splits_no_grapheme(string text, int limit, string expected)
    {
        string cut = TextLimits.Cut(text, limit);

        Assert.Equal(expected, cut);
        Assert.True(cut.Length <= limit);
    }

    [Fact]
    public void Check_names_the_field_and_the_limit_and_passes_what_fits()
    {
        Assert.Null(TextLimits.Check("note", new string('n', 3000), TextLimits.Note));
        Assert.Null(TextLimits.Check("note", null, TextLimits.Note));
        Assert.Equal(
            new IncidentError(IncidentErrorKind.InvalidInput, "\"note\" is too long: 3001 characters, at most 3000."),
            TextLimits.Check("note", new string('n', 3001), TextLimits.Note));
    }
}
