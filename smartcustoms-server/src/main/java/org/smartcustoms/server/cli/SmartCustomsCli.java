package org.smartcustoms.server.cli;

/** Entry point of bin/smartcustoms (placeholder while the server is built). */
public final class SmartCustomsCli {
    public static void main(String[] args) {
        System.out.println("smartcustoms");
    }
}
