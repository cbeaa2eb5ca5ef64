package io.cartprobe.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cartprobe.config.Body;
import io.cartprobe.config.RequestSpec;
import java.util.Map;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** A step's request body, rendered from its {@code json}, {@code form} or {@code body}. */
final class RequestBodies {

  private RequestBodies() {}

  static RequestBody of(RequestSpec spec, Optional<String> contentType, RunState state)
      throws TemplateException, StepExecutor.Unbuildable {
    return switch (spec.body()) {
      case Body.None n -> switch (spec.method()) {
        // OkHttp insists these methods carry a body; an empty one is what a browser sends.
        case "POST", "PUT", "PATCH" -> RequestBody.create(new byte[0], null);
        default -> null;
      };
      case Body.Json(Object tree) -> {
        try {
          byte[] json = Json.MAPPER.writeValueAsBytes(Templates.renderTree(tree, state.scope()));
          yield RequestBody.create(json,
              mediaType(contentType.orElse("application/json; charset=utf-8")));
        } catch (JsonProcessingException e) {
          throw new StepExecutor.Unbuildable("request json cannot be written: " + e.getOriginalMessage());
        }
      }
      case Body.Form(Map<String, String> fields) -> {
        FormBody.Builder form = new FormBody.Builder();
        for (Map.Entry<String, String> f : fields.entrySet()) {
          form.add(f.getKey(), Templates.render(f.getValue(), state.scope()));
        }
        yield form.build();
      }
      case Body.Raw(String content) -> RequestBody.create(
          Templates.render(content, state.scope()),
          mediaType(contentType.orElse("text/plain; charset=utf-8")));
    };
  }

  private static MediaType mediaType(String value) throws StepExecutor.Unbuildable {
    MediaType type = MediaType.parse(value);
    if (type == null) {
      throw new StepExecutor.Unbuildable("invalid Content-Type: " + value);
    }
    return type;
  }
}
