package dev.steward.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * The one place where Steward decides how to reach Temporal. Precedence, highest first: flags,
 * {@code TEMPORAL_*} environment variables, the profile in the TOML file, the defaults
 * ({@value TemporalConnection#DEFAULT_ADDRESS}, namespace {@value TemporalConnection#DEFAULT_NAMESPACE}).
 *
 * <p>The variables and the file are read by Temporal's own {@code temporal-envconfig}, so they mean
 * what they mean to the {@code temporal} CLI and every SDK: {@code TEMPORAL_ADDRESS},
 * {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS},
 * {@code TEMPORAL_TLS_SERVER_CA_CERT_PATH}, {@code TEMPORAL_TLS_SERVER_NAME},
 * {@code TEMPORAL_TLS_CLIENT_CERT_PATH}, {@code TEMPORAL_TLS_CLIENT_KEY_PATH},
 * {@code TEMPORAL_TLS_DISABLE_HOST_VERIFICATION} (and the {@code *_DATA} forms),
 * {@code TEMPORAL_GRPC_META_*}, {@code TEMPORAL_PROFILE} and {@code TEMPORAL_CONFIG_FILE} (default
 * {@code ~/.config/temporalio/temporal.toml} on Linux; a missing file is no error).
 */
public final class TemporalConnections {

  private TemporalConnections() {}

  /** From the process's environment and the TOML profile. */
  public static TemporalConnection fromEnvironment() {
    return load(ConnectionFlags.NONE, System.getenv());
  }

  /** From the given variables (instead of the process's) and the TOML profile they point to. */
  public static TemporalConnection fromEnvironment(Map<String, String> env) {
    return load(ConnectionFlags.NONE, env);
  }

  /**
   * Flags over the variables over the profile over the defaults.
   *
   * @throws IllegalArgumentException when the TOML file cannot be read or has no such profile
   */
  public static TemporalConnection load(ConnectionFlags flags, Map<String, String> env) {
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(env, "env");
    LoadClientConfigProfileOptions options = LoadClientConfigProfileOptions.newBuilder()
        .setConfigFileProfile(flags.profile())
        .setConfigFilePath(flags.configFile())
        .setEnvOverrides(env)
        .build();
    ClientConfigProfile profile;
    try {
      profile = ClientConfigProfile.load(options);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the Temporal config file " + configFile(flags, env) + ": "
          + safeReason(e), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (config file " + configFile(flags, env) + ")", e);
    }
    return new TemporalConnection(withFlags(profile, flags));
  }

  private static ClientConfigProfile withFlags(ClientConfigProfile profile, ConnectionFlags flags) {
    ClientConfigProfile.Builder result = profile.toBuilder();
    if (flags.address() != null) {
      result.setAddress(flags.address());
    }
    if (flags.namespace() != null) {
      result.setNamespace(flags.namespace());
    }
    if (flags.apiKey() != null) {
      result.setApiKey(flags.apiKey());
    }
    if (flags.touchTls()) {
      ClientConfigTLS.Builder tls = profile.getTls() == null ? ClientConfigTLS.newBuilder() : profile.getTls().toBuilder();
      if (flags.tls() != null) {
        tls.setDisabled(!flags.tls());
      }
      if (flags.tlsCertPath() != null) {
        tls.setClientCertPath(flags.tlsCertPath());
      }
      if (flags.tlsKeyPath() != null) {
        tls.setClientKeyPath(flags.tlsKeyPath());
      }
      if (flags.tlsCaPath() != null) {
        tls.setServerCACertPath(flags.tlsCaPath());
      }
      if (flags.tlsServerName() != null) {
        tls.setServerName(flags.tlsServerName());
      }
      if (flags.tlsDisableHostVerification() != null) {
        tls.setDisableHostVerification(flags.tlsDisableHostVerification());
      }
      result.setTls(tls.build());
    }
    return result.build();
  }

  private static String configFile(ConnectionFlags flags, Map<String, String> env) {
    if (flags.configFile() != null) {
      return flags.configFile();
    }
    String fromEnv = env.get("TEMPORAL_CONFIG_FILE");
    return fromEnv == null || fromEnv.isEmpty() ? "(the default, ~/.config/temporalio/temporal.toml)" : fromEnv;
  }

  /** A parser's message may quote the file, API key included: say only where it went wrong. */
  private static String safeReason(IOException e) {
    if (e instanceof JsonProcessingException parse && parse.getLocation() != null) {
      return "not valid TOML near line " + parse.getLocation().getLineNr();
    }
    return e instanceof JsonProcessingException ? "not valid TOML" : e.toString();
  }
}
