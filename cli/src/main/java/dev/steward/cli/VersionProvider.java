package dev.steward.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest; {@code dev} when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = StewardCli.class.getPackage().getImplementationVersion();
    return new String[] {"steward " + (version == null ? "dev" : version)};
  }
}
