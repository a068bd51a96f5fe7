package org.smartcustoms.enforcement;

/** How a seizure was detected (nCEN detection methods). */
public enum DetectionMethod {
    RISK_SELECTION, RANDOM, XRAY, DOG, INTELLIGENCE, TIP_OFF, OTHER;

    public static DetectionMethod parse(String s) { return Codes.parse(DetectionMethod.class, "detectionMethod", s); }
}
