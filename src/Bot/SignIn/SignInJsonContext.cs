using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.SignIn;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SessionView))]
internal sealed partial class SignInJsonContext : JsonSerializerContext;
