package dev.chaosaction.safety;

import java.util.List;

/**
 * Watches the alarms a run stops on, named as {@link StopAlarms} found them: the engine decides which alarms a
 * run watches, the adapter supplies how they are read (the aws module's CloudWatch alarms). The condition is
 * breached as soon as one alarm is in ALARM, and fails safe; it makes its client at the first check.
 */
@FunctionalInterface
public interface AlarmSource {
    StopCondition watch(List<String> alarmNames);
}
