"""What a coordinator runs around the build: many journeys built side by side (batch), the live
preview, clean, the dashboard, and the studio (a local web app for editing a journey)."""
