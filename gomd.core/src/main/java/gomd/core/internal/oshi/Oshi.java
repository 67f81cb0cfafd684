package gomd.core.internal.oshi;

import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/**
 * The one OSHI entry point of the bundle, made on first use so that a platform OSHI does not
 * support (or a missing JNA) shows up as a collector error instead of a failed bundle.
 */
final class Oshi {

    private static volatile SystemInfo system;

    private Oshi() {
    }

    static SystemInfo system() {
        SystemInfo s = system;
        if (s == null) {
            synchronized (Oshi.class) {
                s = system;
                if (s == null) {
                    s = new SystemInfo();
                    system = s;
                }
            }
        }
        return s;
    }

    static HardwareAbstractionLayer hardware() {
        return system().getHardware();
    }

    static OperatingSystem os() {
        return system().getOperatingSystem();
    }

    static boolean isLinux() {
        return SystemInfo.getCurrentPlatform() == oshi.PlatformEnum.LINUX;
    }
}
