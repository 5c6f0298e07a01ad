package dev.chaosaction.safety;

import dev.chaosaction.journal.S3Location;

/**
 * Reads the kill switch an {@code s3://bucket/key} reference names: the engine decides which switches a run
 * obeys ({@link KillSwitches}), the adapter supplies how they are read (the aws module's S3 kill switch).
 * Implementations make their client at the first check, so that a run without a kill switch never makes one.
 */
@FunctionalInterface
public interface KillSwitchSource {
    KillSwitch at(S3Location location);
}
