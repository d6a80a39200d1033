namespace ChatOpsIncidents.Core.Incidents;

/// <summary>MTTA and MTTR of one group in one period: the first period is 0.</summary>
public sealed record PeriodStatistics(int Period, ResponseStatistics Statistics);
