namespace ChatOpsIncidents.Bot.Dashboard.Charts;

/// <summary>
/// A chart drawn as server-side SVG: categories along x (weeks, days), one or more series, values scaled to a plot
/// <see cref="PlotWidth"/> × <see cref="PlotHeight"/> units right of and above the axes. <see cref="Stacked"/> draws bars stacked
/// per category; otherwise each series is a line. Colours are the series' order (CSS classes <c>colour-0</c>…).
/// </summary>
public sealed record Chart(string Title, string Unit, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, bool Stacked)
{
    public const double Left = 48;
    public const double PlotWidth = 640;
    public const double PlotHeight = 200;
    public const double Top = 10;
    public const double Height = Top + PlotHeight + 40;
    public const double Width = Left + PlotWidth + 10;

    /// <summary>
    /// The largest value the y axis shows: the tallest stack or point, rounded up to a whole number (at least 1). Computed once:
    /// every point drawn is scaled by it.
    /// </summary>
    public double Maximum { get; } = Math.Max(1, Math.Ceiling(Stacked
        ? Enumerable.Range(0, Categories.Count).Select(i => Series.Sum(s => s.Values[i] ?? 0)).DefaultIfEmpty(0).Max()
        : Series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max()));

    public bool IsEmpty => Series.All(s => s.Values.All(v => v is null or 0));

    /// <summary>The width of one category's slot along x.</summary>
    public double Slot => PlotWidth / Math.Max(1, Categories.Count);

    /// <summary>The middle of category <paramref name="index"/> along x.</summary>
    public double X(int index) => Left + (Slot * index) + (Slot / 2);

    /// <summary>Where <paramref name="value"/> sits along y.</summary>
    public double Y(double value) => Top + PlotHeight - (value / Maximum * PlotHeight);

    /// <summary>A line series' points as SVG polyline coordinates, skipping categories without a value.</summary>
    public string Points(ChartSeries series) => string.Join(' ', series.Values
        .Select((value, index) => value is { } v ? $"{Display.Svg(X(index))},{Display.Svg(Y(v))}" : null)
        .OfType<string>());

    /// <summary>The bars of a stacked chart: series index, category index, and the rectangle's y and height.</summary>
    public IEnumerable<(int Series, int Category, double Y, double Height, double Value)> Bars()
    {
        for (int category = 0; category < Categories.Count; category++)
        {
            double below = 0;
            for (int series = 0; series < Series.Count; series++)
            {
                if (Series[series].Values[category] is { } value and > 0)
                {
                    yield return (series, category, Y(below + value), value / Maximum * PlotHeight, value);
                    below += value;
                }
            }
        }
    }

    /// <summary>Which categories get a label along x: all of up to ten, else every n-th so that about ten do.</summary>
    public bool Labelled(int category) => category % Math.Max(1, (int)Math.Ceiling(Categories.Count / 10.0)) == 0;
}
