package dev.steward.connection;

/**
 * Connection settings given on a command line. They win over {@code TEMPORAL_*} variables and the
 * TOML profile; a null field was not given and leaves the setting to them. Names follow the
 * {@code temporal} CLI's own flags.
 *
 * @param address {@code --address}, the frontend as {@code host:port}
 * @param namespace {@code --namespace}
 * @param apiKey {@code --api-key}, sent as {@code authorization: Bearer <key>}; implies TLS
 * @param tls {@code --tls}: true turns TLS on with the system's trusted CAs, false turns it off
 *     even with an API key
 * @param tlsCertPath {@code --tls-cert-path}, the client certificate (PEM) for mTLS
 * @param tlsKeyPath {@code --tls-key-path}, the client certificate's private key (PEM, PKCS#8)
 * @param tlsCaPath {@code --tls-ca-path}, the CA (PEM) that signed the server's certificate
 * @param tlsServerName {@code --tls-server-name}, the name the server's certificate must carry,
 *     when it differs from the host in the address
 * @param tlsDisableHostVerification {@code --tls-disable-host-verification}: trust any server
 *     certificate (only when no CA is given)
 * @param profile {@code --profile}, the profile to read from the TOML file
 * @param configFile {@code --config-file}, the TOML file
 */
public record ConnectionFlags(
    String address,
    String namespace,
    String apiKey,
    Boolean tls,
    String tlsCertPath,
    String tlsKeyPath,
    String tlsCaPath,
    String tlsServerName,
    Boolean tlsDisableHostVerification,
    String profile,
    String configFile) {

  /** No flags: everything comes from the environment, the profile or the defaults. */
  public static final ConnectionFlags NONE = builder().build();

  public static Builder builder() {
    return new Builder();
  }

  /** Whether any TLS flag was given. */
  boolean touchTls() {
    return tls != null || tlsCertPath != null || tlsKeyPath != null || tlsCaPath != null || tlsServerName != null
        || tlsDisableHostVerification != null;
  }

  /** Like the record's own, but the API key shows only as given or not: it must never reach a log. */
  @Override
  public String toString() {
    return "ConnectionFlags[address=" + address + ", namespace=" + namespace + ", apiKey="
        + (apiKey == null ? "null" : "(set)") + ", tls=" + tls + ", tlsCertPath=" + tlsCertPath
        + ", tlsKeyPath=" + tlsKeyPath + ", tlsCaPath=" + tlsCaPath + ", tlsServerName=" + tlsServerName
        + ", tlsDisableHostVerification=" + tlsDisableHostVerification + ", profile=" + profile
        + ", configFile=" + configFile + "]";
  }

  /** Builds {@link ConnectionFlags}; blank strings count as not given. */
  public static final class Builder {
    private String address;
    private String namespace;
    private String apiKey;
    private Boolean tls;
    private String tlsCertPath;
    private String tlsKeyPath;
    private String tlsCaPath;
    private String tlsServerName;
    private Boolean tlsDisableHostVerification;
    private String profile;
    private String configFile;

    private Builder() {}

    public Builder address(String value) {
      address = given(value);
      return this;
    }

    public Builder namespace(String value) {
      namespace = given(value);
      return this;
    }

    public Builder apiKey(String value) {
      apiKey = given(value);
      return this;
    }

    public Builder tls(Boolean value) {
      tls = value;
      return this;
    }

    public Builder tlsCertPath(String value) {
      tlsCertPath = given(value);
      return this;
    }

    public Builder tlsKeyPath(String value) {
      tlsKeyPath = given(value);
      return this;
    }

    public Builder tlsCaPath(String value) {
      tlsCaPath = given(value);
      return this;
    }

    public Builder tlsServerName(String value) {
      tlsServerName = given(value);
      return this;
    }

    public Builder tlsDisableHostVerification(Boolean value) {
      tlsDisableHostVerification = value;
      return this;
    }

    public Builder profile(String value) {
      profile = given(value);
      return this;
    }

    public Builder configFile(String value) {
      configFile = given(value);
      return this;
    }

    public ConnectionFlags build() {
      return new ConnectionFlags(address, namespace, apiKey, tls, tlsCertPath, tlsKeyPath, tlsCaPath, tlsServerName,
          tlsDisableHostVerification, profile, configFile);
    }

    private static String given(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }
}
