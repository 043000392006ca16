"""What the safe cast uses to decide what may be shown: names, contact details, pictures, scans."""
